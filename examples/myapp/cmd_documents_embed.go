// The parts of the documents command that embed: `documents reindex`, after a change of
// EMBEDDING_MODEL, and the wait of `documents add` for its documents' embeddings, with a line
// of progress each time a document moves. (The rest of the command is cmd_documents.go.)

package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"myapp/internal/rag"
)

const documentsReindexUsage = "usage: go run . documents reindex [--no-wait]"

// reindexDocuments embeds every document again with the configured model, and waits for it
// unless --no-wait (then a running serve does the work).
func reindexDocuments(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("documents reindex", flag.ContinueOnError)
	flags.SetOutput(stderr)
	noWait := flags.Bool("no-wait", false, "queue the documents and return: `go run . serve` embeds them")
	if err := flags.Parse(args); err != nil {
		return ignoreHelp(err)
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("documents reindex takes no arguments\n%s", documentsReindexUsage)
	}
	docs, _, closeDB, err := openDocuments(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := docs.Reindex(ctx); err != nil {
		return err
	}
	all, err := docs.AllDocuments(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d documents queued to be embedded again with %s.\n", len(all), docs.EmbeddingModel())
	if *noWait || len(all) == 0 {
		return nil
	}
	ids := make([]int64, len(all))
	for i, document := range all {
		ids[i] = document.ID
	}
	return waitForEmbeddings(ctx, docs, ids, stdout)
}

// waitForEmbeddings runs the embedding jobs until the documents ids are ready or failed,
// printing their progress, and fails when one of them failed.
func waitForEmbeddings(ctx context.Context, docs *rag.Service, ids []int64, stdout io.Writer) error {
	failed := 0
	err := docs.WaitForDocuments(ctx, ids, func(d rag.Document) {
		switch d.Status {
		case rag.StatusReady:
			fmt.Fprintf(stdout, "%s: ready (%d chunks)\n", d.Title, d.ChunkCount)
		case rag.StatusFailed:
			failed++
			fmt.Fprintf(stdout, "%s: failed: %s\n", d.Title, d.Error)
		default:
			fmt.Fprintf(stdout, "%s: %d of %d chunks embedded\n", d.Title, d.EmbeddedCount, d.ChunkCount)
		}
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d documents could not be embedded (see above): "+
			"fix the cause, then run `go run . documents reindex`", failed, len(ids))
	}
	return nil
}
