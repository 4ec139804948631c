// Tests for the offline embedder: the same text always gives the same vector of length 1, and
// texts that share words (or pieces of words) are closer than texts that share none.

package rag_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"myapp/internal/rag"
)

// cosine is the cosine similarity of two vectors.
func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func offlineVectors(t *testing.T, texts ...string) [][]float32 {
	t.Helper()
	vectors, err := rag.OfflineEmbedder{}.Embed(t.Context(), texts)
	if err != nil {
		t.Fatal(err)
	}
	return vectors
}

func TestOfflineEmbedderIsDeterministicAndNormalised(t *testing.T) {
	texts := []string{"Installing Go on Linux", "Ünïcödé wörds, 日本語 too!", "x", strings64()}
	first, second := offlineVectors(t, texts...), offlineVectors(t, texts...)
	for i := range texts {
		if len(first[i]) != rag.OfflineDimensions {
			t.Fatalf("vector %d has %d numbers, want %d", i, len(first[i]), rag.OfflineDimensions)
		}
		if !slices.Equal(first[i], second[i]) {
			t.Errorf("%q gave two different vectors", texts[i])
		}
		var norm float64
		for _, x := range first[i] {
			norm += float64(x) * float64(x)
		}
		if math.Abs(norm-1) > 1e-5 {
			t.Errorf("%q: length² = %v, want 1", texts[i], norm)
		}
	}
	if embedder := (rag.OfflineEmbedder{}); embedder.Model() != "offline-ngram-v1" || embedder.Dimensions() != 384 {
		t.Errorf("model %s of %d dimensions, want offline-ngram-v1 of 384", embedder.Model(), embedder.Dimensions())
	}
}

// strings64 is a long text, to check that many features still make a vector of length 1.
func strings64() string {
	text := ""
	for i := range 64 {
		text += "word" + string(rune('a'+i%26)) + " "
	}
	return text
}

func TestOfflineEmbedderWithoutWordsGivesZeros(t *testing.T) {
	for _, text := range []string{"", "   ", "!?…", "the and of"} {
		for _, x := range offlineVectors(t, text)[0] {
			if x != 0 {
				t.Errorf("%q: want a vector of zeros (nothing to compare), got %v", text, x)
				break
			}
		}
	}
}

func TestOfflineEmbedderIsLexical(t *testing.T) {
	tests := []struct {
		query, near, far string
	}{
		{"installing go", "How to install Go on your computer", "Baking sourdough bread at home"},
		{"PYTHON virtualenv", "python: a virtualenv keeps packages apart", "The history of the Roman empire"},
		{"photosynthesis", "Plants turn light into sugar by photosynthesis.", "Photos of the city at night"},
		{"databse migrations", "Database migrations change the schema step by step", "Migrating birds fly south"}, // a typo still meets its word
	}
	for _, test := range tests {
		v := offlineVectors(t, test.query, test.near, test.far)
		if near, far := cosine(v[0], v[1]), cosine(v[0], v[2]); near <= far {
			t.Errorf("%q: similarity to %q = %.3f, not above %q = %.3f", test.query, test.near, near, test.far, far)
		}
	}
	// Case, punctuation and stop words do not count.
	v := offlineVectors(t, "The cat sat on the mat.", "cat SAT mat")
	if similarity := cosine(v[0], v[1]); similarity < 0.999 {
		t.Errorf("similarity = %.3f, want 1: only case, punctuation and stop words differ", similarity)
	}
}

// BenchmarkOfflineEmbedder embeds chunks of about 300 tokens (RAG_CHUNK_TOKENS' default), 32
// at a time as the jobs do: how long a classroom waits for its documents with no API.
func BenchmarkOfflineEmbedder(b *testing.B) {
	words := strings.Fields("the students write a small web application in go with a database " +
		"pages forms and an assistant that answers questions about their own documents while " +
		"the teacher checks the search results and the embeddings of every chunk")
	texts := make([]string, 32)
	for i := range texts {
		var chunk strings.Builder
		for j := range 230 { // about 300 tokens
			chunk.WriteString(words[(i*7+j*3)%len(words)] + " ")
		}
		texts[i] = chunk.String()
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (rag.OfflineEmbedder{}).Embed(b.Context(), texts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "chunks/s")
}
