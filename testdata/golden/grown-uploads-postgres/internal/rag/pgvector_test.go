// Tests of the pgvector index (PGlite with pgvector: testutil.PgvectorDatabaseURL): its HNSW
// index finds what an exact search finds, and a PostgreSQL without pgvector falls back to
// the in-memory index.

package rag

import (
	"database/sql"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pgvector/pgvector-go"

	"myapp/internal/testutil"
)

// TestPgvectorRecall: recall@10 of the HNSW index against an exact search, on 10,000 random
// vectors (uniform random: the hard case for a graph index, with no clusters to follow).
func TestPgvectorRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("adds 10,000 vectors to PGlite: about a minute")
	}
	const chunks, dims, k, queries = 10_000, 64, 10, 30
	f := newSearchFixture(t, &testDatabase{url: testutil.PgvectorDatabaseURL, oneConnection: true}, &tableEmbedder{dims: dims})
	db, ctx := f.service.db, t.Context()
	owner := f.user("alice")
	docID := testutil.InsertRow(t, db, `INSERT INTO rag_documents (owner_id, title, content_type, created_at, updated_at)
		VALUES ($1, 'Random', 'text/plain', now(), now()) RETURNING id`, owner)
	var firstChunk int64
	if err := db.QueryRowContext(ctx, `INSERT INTO rag_chunks (document_id, position, text, tokens)
		SELECT $1, n, 'chunk ' || n, 2 FROM generate_series(0, $2 - 1) AS n RETURNING id`, docID, chunks).Scan(&firstChunk); err != nil {
		t.Fatal(err)
	}
	f.openIndex()
	index, ok := f.service.index.(*PgvectorIndex)
	if !ok {
		t.Fatalf("the index is a %T, want *PgvectorIndex: pgvector was not used", f.service.index)
	}

	rng := rand.New(rand.NewPCG(7, 7))
	vectors := make([][]float32, chunks)
	byID := make(map[int64][]float32, chunks)
	for i := range vectors {
		vectors[i] = gaussian(rng, dims, 1)
		byID[firstChunk+int64(i)] = vectors[i]
	}
	if err := index.Add(ctx, DocInfo{ID: docID, OwnerID: owner}, byID); err != nil {
		t.Fatal(err)
	}
	assertUsesHNSW(t, db)

	total := 0.0
	for range queries {
		query := gaussian(rng, dims, 1)
		got, err := index.Nearest(ctx, owner, query, k)
		if err != nil {
			t.Fatal(err)
		}
		want := exactNearest(vectors, query, k) // ids 1..n: shift them to the chunks' ids
		for i := range want {
			want[i] += firstChunk - 1
		}
		total += recallAt(got, want)
	}
	recall := total / queries
	t.Logf("pgvector HNSW recall@10 = %.3f on %d random vectors of %d dimensions", recall, chunks, dims)
	if recall < 0.95 {
		t.Errorf("pgvector HNSW recall@10 = %.3f against an exact search, want at least 0.95", recall)
	}
}

// assertUsesHNSW fails unless PostgreSQL plans nearestSQL with the HNSW index.
func assertUsesHNSW(t *testing.T, db *sql.DB) {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), "EXPLAIN "+nearestSQL, pgvector.NewVector(make([]float32, 64)), 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, line)
	}
	if !strings.Contains(strings.Join(plan, "\n"), "rag_vectors_hnsw") {
		t.Errorf("the nearest search does not use the HNSW index:\n%s", strings.Join(plan, "\n"))
	}
}

// Without pgvector (CI's PostgreSQL 15), the app searches the in-memory index and says so
// once in the log.
func TestOpenIndexFallsBackToMemoryWithoutPgvector(t *testing.T) {
	f := newSearchFixture(t, nil, &tableEmbedder{dims: 8})
	var log strings.Builder
	f.service.logger = slog.New(slog.NewTextHandler(&log, nil))
	chunks := f.addDocument("alice", "Soup", false, "tomato soup")
	f.openIndex()
	if _, ok := f.service.index.(*PgvectorIndex); ok {
		t.Skip("this PostgreSQL has pgvector: nothing to fall back from")
	}
	if _, ok := f.service.index.(*MemoryIndex); !ok {
		t.Fatalf("the index is a %T, want *MemoryIndex", f.service.index)
	}
	if n := strings.Count(log.String(), "pgvector is not available"); n != 1 {
		t.Errorf("the log says %d times that pgvector is not available, want once:\n%s", n, log.String())
	}
	if got := f.search("alice", "tomato soup", 1, ModeSemantic); len(got) != 1 || got[0] != chunks[0] {
		t.Errorf("semantic search in memory found %v, want %v", got, chunks)
	}
}
