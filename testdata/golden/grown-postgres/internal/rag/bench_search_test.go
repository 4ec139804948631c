// Benchmarks of search at the size the issue sets for the chat: 10,000 chunks, embedded by
// the offline embedder. Retrieve is what the chat adds before the first token of an answer
// (aim: 20 ms). Run them with
//
//	go test ./internal/rag -run '^$' -bench 'Retrieve|SearchModes' -benchtime 200x
//
// The chunks are 60 words drawn from a vocabulary of 5,000 made-up words, the common ones
// far more often than the rare ones (Zipf's law, as in real text), so that keyword search
// meets long lists of matches as it would. The questions leave out the 100 most common, as
// search leaves out the stop words of English (the, of, how...): a question made only of
// words found in nearly every chunk makes BM25 score every chunk, about 60 ms at 10,000.

package rag

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"myapp/internal/database"
)

// benchCorpus returns a fixture holding chunks chunks of 60 words in documents of 100,
// shared, and some questions of 8 words.
func benchCorpus(b *testing.B, chunks int) (*searchFixture, []string) {
	b.Helper()
	f := newSearchFixture(b, nil, OfflineEmbedder{})
	rng := rand.New(rand.NewPCG(10, 10))
	zipf := rand.NewZipf(rng, 1.1, 2, 4999)
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = fmt.Sprintf("w%d", zipf.Uint64())
		}
		return strings.Join(w, " ")
	}
	texts := make([]string, chunks)
	for i := range texts {
		texts[i] = words(60)
	}
	question := func() string {
		var q []string
		for len(q) < 8 {
			if n := zipf.Uint64(); n >= 100 {
				q = append(q, fmt.Sprintf("w%d", n))
			}
		}
		return strings.Join(q, " ")
	}
	vectors, err := OfflineEmbedder{}.Embed(b.Context(), texts)
	if err != nil {
		b.Fatal(err)
	}
	owner := f.user("writer")
	err = database.WriteTx(b.Context(), f.service.db, func(tx *sql.Tx) error {
		return insertBenchChunks(b.Context(), tx, owner, texts, vectors)
	})
	if err != nil {
		b.Fatal(err)
	}
	f.openIndex()
	questions := make([]string, 50)
	for i := range questions {
		questions[i] = question()
	}
	return f, questions
}

// insertBenchChunks stores texts as the chunks of documents of 100 chunks each.
func insertBenchChunks(ctx context.Context, tx *sql.Tx, owner int64, texts []string, vectors [][]float32) error {
	var docID int64
	for i, text := range texts {
		if i%100 == 0 {
			err := tx.QueryRowContext(ctx, `INSERT INTO rag_documents (owner_id, title, content_type, shared, status, created_at, updated_at)
				VALUES ($1, $2, 'text/plain', TRUE, 'ready', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`,
				owner, fmt.Sprintf("Document %d", i/100)).Scan(&docID)
			if err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO rag_chunks (document_id, position, text, tokens, embedding)
			VALUES ($1, $2, $3, 80, $4)`, docID, i%100, text, encodeVector(vectors[i]))
		if err != nil {
			return err
		}
	}
	return nil
}

func BenchmarkRetrieve(b *testing.B) {
	f, questions := benchCorpus(b, 10_000)
	viewer := f.user("reader")
	b.ResetTimer()
	for i := range b.N {
		if _, err := f.service.Retrieve(b.Context(), viewer, questions[i%len(questions)], 2000); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchModes(b *testing.B) {
	f, questions := benchCorpus(b, 10_000)
	viewer := f.user("reader")
	for _, mode := range []string{ModeKeyword, ModeSemantic, ModeHybrid} {
		b.Run(mode, func(b *testing.B) {
			for i := range b.N {
				if _, err := f.service.Search(b.Context(), viewer, questions[i%len(questions)], 10, mode); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
