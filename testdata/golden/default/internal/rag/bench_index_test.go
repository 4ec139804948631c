// Benchmark of the in-memory index at the size the issue sets: top 10 of 100,000 chunks of 768
// dimensions (aim: 10 ms on two CPUs, recall@10 at least 0.99, at most 1 byte per dimension
// per chunk in memory). Run it with
//
//	go test ./internal/rag -run '^$' -bench MemoryIndexNearest -benchtime 200x
//
// The vectors are shaped like embeddings (vectors_test.go: 500 topic clusters spanned by 32
// directions, a shared offset, and noise). It reports recall@10 against an exact float
// search over the same vectors, and the bytes one chunk takes. The exact
// vectors of the last 50 candidates come from a map here; reading them from the database adds
// its own time, which BenchmarkRetrieve measures.

package rag

import (
	"testing"
)

func BenchmarkMemoryIndexNearest(b *testing.B) {
	const chunks, dims, k = 100_000, 768, 10
	space := newVectorSpace(3, dims, 500)
	vectors := space.vectors(chunks)
	index := fillIndex(b, vectors, 100, 1)
	queries := space.vectors(50)

	total := 0.0
	for _, query := range queries {
		got, err := index.Nearest(b.Context(), 1, query, k)
		if err != nil {
			b.Fatal(err)
		}
		total += recallAt(got, exactNearest(vectors, query, k))
	}

	b.ResetTimer()
	for i := range b.N {
		if _, err := index.Nearest(b.Context(), 1, queries[i%len(queries)], k); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(total/float64(len(queries)), "recall@10")
	b.ReportMetric(float64(index.BytesPerVector()), "bytes/vector")
	b.ReportMetric(float64(signCodeWords(dims)*8+levelCodeBytes(dims))/dims, "code-bytes/dim")
}
