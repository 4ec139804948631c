// The documents command adds, lists and deletes the documents that search and the chat use
// (internal/rag), as the /documents page does:
//
//	go run . documents add FILE... [--title T] [--shared] [--owner EMAIL] [--no-wait]
//	go run . documents list
//	go run . documents delete ID
//	go run . documents reindex [--no-wait]   (cmd_documents_embed.go)
//
// To add a subcommand, add it to documentsUsage and the switch in runDocuments.

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"myapp/internal/config"
	"myapp/internal/models"
	"myapp/internal/rag"
	"myapp/internal/server"
	"myapp/internal/uploads"
)

const documentsUsage = `usage:
  go run . documents add FILE... [--title T] [--shared] [--owner EMAIL] [--no-wait]
                                  add text, Markdown, HTML or PDF files (owner: the first superuser)
                                  and wait until they are embedded (--no-wait: serve embeds them)
  go run . documents list         list every document with its status
  go run . documents delete ID    delete a document with its chunks, vectors and file
  go run . documents reindex [--no-wait]
                                  embed every document again: after a change of EMBEDDING_MODEL`

func runDocuments(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(documentsUsage)
	}
	switch args[0] {
	case "add":
		return addDocuments(ctx, args[1:], getenv, stdout, stderr)
	case "list":
		return listDocuments(ctx, getenv, stdout, stderr)
	case "delete":
		return deleteDocument(ctx, args[1:], getenv, stdout, stderr)
	case "reindex":
		return reindexDocuments(ctx, args[1:], getenv, stdout, stderr)
	}
	return fmt.Errorf("unknown subcommand %q\n%s", args[0], documentsUsage)
}

// openDocuments loads the configuration, opens and migrates the database, and returns the
// documents service as the server makes it (server.NewDeps), storing files where uploads go.
func openDocuments(ctx context.Context, getenv func(string) string, stderr io.Writer) (docs *rag.Service, queries *models.Queries, closeDB func(), err error) {
	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return nil, nil, nil, err
	}
	conn, err := openMigrated(ctx, cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	logger := newLogger(cfg, stderr)
	store, err := uploads.New(ctx, cfg)
	if err != nil {
		conn.Close()
		return nil, nil, nil, err
	}
	deps := server.NewDeps(cfg, logger, conn)
	deps.Documents.SetFiles(uploads.NewFiles(conn, store, cfg.S3CDNURL, logger))
	return deps.Documents, models.New(conn), func() { conn.Close() }, nil
}

func addDocuments(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("documents add", flag.ContinueOnError)
	flags.SetOutput(stderr)
	title := flags.String("title", "", "the title (one file only; default: the file's name)")
	shared := flags.Bool("shared", false, "let every user search it (the owner must be staff)")
	ownerEmail := flags.String("owner", "", "the email of its owner (default: the first superuser)")
	noWait := flags.Bool("no-wait", false, "return at once: `go run . serve` embeds the documents")
	files, err := parseFlags(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(files) == 0 {
		return errors.New("name the files to add: go run . documents add notes.md guide.pdf")
	}
	if *title != "" && len(files) > 1 {
		return errors.New("--title names one document: add the files one at a time, or leave --title out")
	}
	docs, queries, closeDB, err := openDocuments(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	owner, err := documentOwner(ctx, queries, *ownerEmail)
	if err != nil {
		return err
	}
	var ids []int64
	for _, name := range files {
		doc, err := addFile(ctx, docs, owner, name, rag.NewDocument{Title: *title, Shared: *shared})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(stdout, "added %d %q: %d chunks, %s\n", doc.ID, doc.Title, doc.ChunkCount, doc.Status)
		ids = append(ids, doc.ID)
	}
	if *noWait {
		return nil // `go run . serve` embeds them in the background (internal/rag/jobs.go)
	}
	return waitForEmbeddings(ctx, docs, ids, stdout)
}

// addFile adds the file at path as a document of owner.
func addFile(ctx context.Context, docs *rag.Service, owner models.User, path string, in rag.NewDocument) (rag.Document, error) {
	file, err := os.Open(path)
	if err != nil {
		return rag.Document{}, err
	}
	defer file.Close()
	in.File, in.FileName = file, filepath.Base(path)
	return docs.AddDocument(ctx, owner.ID, in)
}

// documentOwner returns the user with email, or the first superuser when email is "".
func documentOwner(ctx context.Context, queries *models.Queries, email string) (models.User, error) {
	users, err := queries.ListUsers(ctx)
	if err != nil {
		return models.User{}, err
	}
	var first models.User // the superuser made first: the one `serve` creates in development
	for _, user := range users {
		if email != "" && strings.EqualFold(user.Email, email) {
			return user, nil
		}
		if email == "" && user.IsSuperuser && (first.ID == 0 || user.ID < first.ID) {
			first = user
		}
	}
	if first.ID != 0 {
		return first, nil
	}
	if email == "" {
		return models.User{}, errors.New("there is no superuser to own the documents: create one (go run . createsuperuser) or name an owner with --owner EMAIL")
	}
	return models.User{}, fmt.Errorf("no user has the email %s: see `go run . users list`", email)
}

func listDocuments(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) error {
	docs, queries, closeDB, err := openDocuments(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	all, err := docs.AllDocuments(ctx)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		fmt.Fprintln(stdout, "No documents yet: go run . documents add FILE")
		return nil
	}
	owners := map[int64]string{}
	table := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(table, "ID\tTITLE\tOWNER\tSTATUS\tCHUNKS\tSHARED")
	for _, d := range all {
		if _, ok := owners[d.OwnerID]; !ok {
			user, err := queries.GetUserByID(ctx, d.OwnerID)
			if err != nil {
				return err
			}
			owners[d.OwnerID] = user.Email
		}
		status := d.Status
		if d.Status == rag.StatusPending {
			status = fmt.Sprintf("pending (%d%%)", d.Progress)
		}
		fmt.Fprintf(table, "%d\t%s\t%s\t%s\t%d\t%v\n", d.ID, d.Title, owners[d.OwnerID], status, d.ChunkCount, d.Shared)
	}
	return table.Flush()
}

func deleteDocument(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: go run . documents delete ID (see the ids with: go run . documents list)")
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return fmt.Errorf("%q is not a document id: see the ids with go run . documents list", args[0])
	}
	docs, _, closeDB, err := openDocuments(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := docs.DeleteAnyDocument(ctx, id); err != nil {
		if errors.Is(err, rag.ErrNotFound) {
			return fmt.Errorf("no document has the id %d: see go run . documents list", id)
		}
		return err
	}
	fmt.Fprintf(stdout, "deleted document %d with its chunks\n", id)
	return nil
}
