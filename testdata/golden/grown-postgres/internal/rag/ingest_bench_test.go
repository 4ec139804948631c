// The ingestion benchmark: parse, chunk and store a Markdown document, without embedding
// (that runs later, in the background). The aim is 1,000 chunks a second or more:
//
//	go test ./internal/rag -run '^$' -bench Ingest -benchtime 20x

package rag_test

import (
	"fmt"
	"strings"
	"testing"

	"myapp/internal/rag"
)

func BenchmarkIngest(b *testing.B) {
	td := newTestDocs(b)
	var doc strings.Builder
	for section := range 20 {
		fmt.Fprintf(&doc, "## Section %d\n\n", section)
		for paragraph := range 10 {
			fmt.Fprintf(&doc, "Paragraph %d of section %d says something about the subject at hand, "+
				"in a few sentences of ordinary length. It goes on for a while, as paragraphs do, "+
				"with enough words to make a chunk of a useful size when two or three are put together.\n\n",
				paragraph, section)
		}
	}
	text := doc.String()
	chunks := 0
	b.ResetTimer()
	for b.Loop() {
		added, err := td.service.AddDocument(b.Context(), td.ada, rag.NewDocument{ContentType: rag.TypeMarkdown, Text: text})
		if err != nil {
			b.Fatal(err)
		}
		chunks += added.ChunkCount
	}
	b.ReportMetric(float64(chunks)/b.Elapsed().Seconds(), "chunks/s")
}
