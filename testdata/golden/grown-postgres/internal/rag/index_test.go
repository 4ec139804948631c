// Tests of the in-memory index: it finds what an exact search finds (recall), shows each
// viewer only their own and shared documents, follows every change, and stays consistent
// with searches and writes running at once.

package rag

import (
	"context"
	"fmt"
	"testing"

	"myapp/internal/testutil"
)

// fillIndex adds vectors as chunks 1..n of documents of perDocument chunks each, owned by
// owner; it returns an index whose loader reads the exact vectors back, as the database does.
func fillIndex(t testing.TB, vectors [][]float32, perDocument int, owner int64) *MemoryIndex {
	t.Helper()
	index := NewMemoryIndex(len(vectors[0]), mapLoader(vectors))
	for start := 0; start < len(vectors); start += perDocument {
		doc := DocInfo{ID: int64(start/perDocument + 1), OwnerID: owner}
		chunks := map[int64][]float32{}
		for i := start; i < min(start+perDocument, len(vectors)); i++ {
			chunks[int64(i+1)] = vectors[i]
		}
		if err := index.Add(context.Background(), doc, chunks); err != nil {
			t.Fatal(err)
		}
	}
	return index
}

// mapLoader reads chunk i+1's vector from vectors[i], standing in for rag_chunks.embedding.
func mapLoader(vectors [][]float32) VectorLoader {
	return func(_ context.Context, ids []int64) (map[int64][]float32, error) {
		out := make(map[int64][]float32, len(ids))
		for _, id := range ids {
			out[id] = vectors[id-1]
		}
		return out, nil
	}
}

// TestMemoryIndexRecall: recall@10 of the index against an exact float search, on 20,000
// vectors of 384 dimensions shaped like embeddings (vectors_test.go: 100 topic clusters
// spanned by 32 directions, a shared offset, and noise; not uniform random vectors).
func TestMemoryIndexRecall(t *testing.T) {
	space := newVectorSpace(1, 384, 100)
	vectors := space.vectors(20000)
	index := fillIndex(t, vectors, 40, 1)
	const k, queries = 10, 40
	total := 0.0
	for range queries {
		query := space.vector()
		got, err := index.Nearest(t.Context(), 1, query, k)
		if err != nil {
			t.Fatal(err)
		}
		total += recallAt(got, exactNearest(vectors, query, k))
	}
	if recall := total / queries; recall < 0.99 {
		t.Errorf("recall@10 = %.3f against an exact search, want at least 0.99", recall)
	}
}

func TestMemoryIndexScoresAreExactCosines(t *testing.T) {
	vectors := [][]float32{{1, 0, 0}, {1, 1, 0}, {0, 0, 1}, {-1, 0, 0}}
	index := fillIndex(t, vectors, 2, 1)
	got, err := index.Nearest(t.Context(), 1, []float32{2, 0, 0}, 4)
	if err != nil {
		t.Fatal(err)
	}
	want := []Match{{1, 1}, {2, 0.7071067811865475}, {3, 0}, {4, -1}}
	if fmt.Sprint(roundMatches(got)) != fmt.Sprint(roundMatches(want)) {
		t.Errorf("Nearest = %v, want %v", got, want)
	}
}

func roundMatches(matches []Match) []string {
	out := make([]string, len(matches))
	for i, m := range matches {
		out[i] = fmt.Sprintf("%d:%.4f", m.ChunkID, m.Score)
	}
	return out
}

func TestMemoryIndexShowsOwnAndSharedDocuments(t *testing.T) {
	ctx := t.Context()
	index := NewMemoryIndex(2, nil)
	add := func(doc DocInfo, chunk int64) {
		t.Helper()
		if err := index.Add(ctx, doc, map[int64][]float32{chunk: {1, float32(chunk) / 10}}); err != nil {
			t.Fatal(err)
		}
	}
	add(DocInfo{ID: 1, OwnerID: 1}, 11)
	add(DocInfo{ID: 2, OwnerID: 2}, 21)
	add(DocInfo{ID: 3, OwnerID: 2, Shared: true}, 31)
	chunks := func(viewer int64) string {
		t.Helper()
		got, err := index.Nearest(ctx, viewer, []float32{1, 0}, 10)
		if err != nil {
			t.Fatal(err)
		}
		ids := []int64{}
		for _, m := range got {
			ids = append(ids, m.ChunkID)
		}
		return fmt.Sprint(ids)
	}
	for _, tc := range []struct {
		viewer int64
		want   string
	}{{1, "[11 31]"}, {2, "[21 31]"}, {3, "[31]"}} {
		if got := chunks(tc.viewer); got != tc.want {
			t.Errorf("viewer %d finds chunks %s, want %s", tc.viewer, got, tc.want)
		}
	}

	if err := index.SetShared(ctx, 3, false); err != nil {
		t.Fatal(err)
	}
	if err := index.SetShared(ctx, 1, true); err != nil {
		t.Fatal(err)
	}
	if got := chunks(3); got != "[11]" {
		t.Errorf("after sharing document 1 only, viewer 3 finds %s, want [11]", got)
	}
	if err := index.RemoveDocument(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if got := chunks(1); got != "[]" {
		t.Errorf("after removing document 1, its owner finds %s, want []", got)
	}
	if got := chunks(2); got != "[21 31]" {
		t.Errorf("after removing document 1, viewer 2 finds %s, want [21 31]", got)
	}
}

func TestMemoryIndexAddReplacesADocumentsChunks(t *testing.T) {
	ctx := t.Context()
	index := NewMemoryIndex(2, nil)
	doc := DocInfo{ID: 1, OwnerID: 1}
	if err := index.Add(ctx, doc, map[int64][]float32{1: {1, 0}, 2: {0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := index.Add(ctx, doc, map[int64][]float32{3: {1, 1}}); err != nil {
		t.Fatal(err)
	}
	got, err := index.Nearest(ctx, 1, []float32{1, 0}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ChunkID != 3 || index.Len() != 1 {
		t.Errorf("after adding document 1 again with chunk 3 only, Nearest = %v and Len = %d, want chunk 3 alone", got, index.Len())
	}
}

func TestMemoryIndexRefusesOtherDimensions(t *testing.T) {
	ctx := t.Context()
	index := NewMemoryIndex(3, nil)
	if err := index.Add(ctx, DocInfo{ID: 1, OwnerID: 1}, map[int64][]float32{1: {1, 0}}); err == nil {
		t.Error("Add took a vector of 2 dimensions into an index of 3")
	}
	if _, err := index.Nearest(ctx, 1, []float32{1, 0, 0, 0}, 3); err == nil {
		t.Error("Nearest took a query of 4 dimensions in an index of 3")
	}
	if err := index.Reset(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if err := index.Add(ctx, DocInfo{ID: 1, OwnerID: 1}, map[int64][]float32{1: {1, 0}}); err != nil {
		t.Errorf("after Reset to 2 dimensions, Add of 2 dimensions: %v", err)
	}
	if err := index.Reset(ctx, 0); err == nil {
		t.Error("Reset took 0 dimensions")
	}
	if got, err := index.Nearest(ctx, 1, []float32{1, 0}, 0); err != nil || len(got) != 0 {
		t.Errorf("Nearest with k=0 = %v, %v; want nothing", got, err)
	}
}

// Searches run while writers add, replace, share and remove documents: with -race this shows
// the lock covers every access, and afterwards the index holds exactly what was written last.
func TestMemoryIndexConcurrentWritersAndReaders(t *testing.T) {
	ctx := t.Context()
	space := newVectorSpace(2, 64, 10)
	vectors := space.vectors(3000)
	queries := space.vectors(100) // made here: the space's random source is not for goroutines
	index := NewMemoryIndex(64, mapLoader(vectors))
	const writers, each = 8, 25
	testutil.Concurrently(t, writers+4, each, func(writer, n int) error {
		if writer >= writers { // a reader
			got, err := index.Nearest(ctx, int64(writer%2+1), queries[n], 10)
			if err == nil && len(got) > 10 {
				err = fmt.Errorf("Nearest returned %d matches for k=10", len(got))
			}
			return err
		}
		// Writer w owns documents w*100+n; chunk ids are distinct per document.
		doc := DocInfo{ID: int64(writer*100 + n), OwnerID: int64(writer%2 + 1)}
		chunks := map[int64][]float32{}
		for c := range 4 {
			id := doc.ID*4 + int64(c) + 1
			chunks[id] = vectors[id-1]
		}
		if err := index.Add(ctx, doc, chunks); err != nil {
			return err
		}
		if n%3 == 0 {
			return index.SetShared(ctx, doc.ID, true)
		}
		if n%5 == 0 {
			return index.RemoveDocument(ctx, doc.ID)
		}
		return nil
	})
	removed := 0
	for n := range each {
		if n%5 == 0 && n%3 != 0 {
			removed++
		}
	}
	if want := writers * (each - removed) * 4; index.Len() != want {
		t.Errorf("after the writers, the index holds %d chunks, want %d", index.Len(), want)
	}
	// Every chunk left is found by an exact-enough search for its own vector.
	// Document 101 is writer 1's n=1, owned by user 2, kept.
	got, err := index.Nearest(ctx, 2, vectors[4*101], 1)
	if err != nil || len(got) != 1 || got[0].ChunkID != 4*101+1 {
		t.Errorf("searching chunk %d's own vector found %v, %v", 4*101+1, got, err)
	}
}
