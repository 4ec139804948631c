// The offline embedder: vectors made on this machine, with no service and no key, so that a
// classroom and the tests can use documents, search and the chat with sources with no network.
// It is lexical, not semantic: it sees which words and pieces of words two texts share, so
// "installing Go" finds "how to install go" but not "setting up the compiler". A real embedding
// model (EMBEDDING_API_KEY) also finds texts that say the same thing in other words.

package rag

import (
	"context"
	"hash/fnv"
	"math"
	"strings"
	"unicode"
)

// The offline embedder's name and size, stored in rag_settings like any model's.
const (
	OfflineModel      = "offline-ngram-v1"
	OfflineDimensions = 384
)

// How much each feature of a text weighs in its vector: a whole word counts more than one of
// its 3-letter pieces, which are there so that "installing" still meets "install".
const (
	wordWeight    = 1.0
	trigramWeight = 0.4
)

// stopWords are left out: they are in almost every text, so sharing them says nothing.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "are": true, "as": true, "at": true, "be": true, "by": true,
	"do": true, "for": true, "from": true, "how": true, "i": true, "in": true, "is": true, "it": true,
	"of": true, "on": true, "or": true, "that": true, "the": true, "this": true, "to": true,
	"was": true, "what": true, "with": true, "you": true,
}

// OfflineEmbedder is the Embedder used when no embedding key is set: it hashes each word of a
// text and each 3-character piece of each word into one of 384 places (the "hashing trick"),
// then scales the vector to length 1, so that the cosine of two vectors measures how much of
// their vocabulary two texts share. The same text always gives the same vector.
type OfflineEmbedder struct{}

func (OfflineEmbedder) Model() string   { return OfflineModel }
func (OfflineEmbedder) Dimensions() int { return OfflineDimensions }

// Embed returns the vector of each text.
func (o OfflineEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	vectors := make([][]float32, len(texts))
	for i, text := range texts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		vectors[i] = offlineVector(text)
	}
	return vectors, nil
}

// offlineVector hashes the words of text, and their trigrams, into a vector of length 1 (all
// zeros for a text with no words).
func offlineVector(text string) []float32 {
	sums := make([]float64, OfflineDimensions)
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, word := range words {
		if stopWords[word] {
			continue
		}
		addFeature(sums, "w:"+word, wordWeight)
		// " go " gives " go" and "go ": the spaces mark where a word starts and ends.
		padded := []rune(" " + word + " ")
		for i := 0; i+3 <= len(padded); i++ {
			addFeature(sums, "t:"+string(padded[i:i+3]), trigramWeight)
		}
	}
	var norm float64
	for _, x := range sums {
		norm += x * x
	}
	vector := make([]float32, OfflineDimensions)
	if norm == 0 {
		return vector
	}
	scale := 1 / math.Sqrt(norm)
	for i, x := range sums {
		vector[i] = float32(x * scale)
	}
	return vector
}

// addFeature adds weight to the place the feature hashes to. One more bit of the hash picks
// the sign, so that two features that land in the same place cancel out on average rather
// than look alike.
func addFeature(sums []float64, feature string, weight float64) {
	h := fnv.New64a()
	h.Write([]byte(feature))
	sum := h.Sum64()
	place := sum % uint64(len(sums))
	if sum>>63 == 1 {
		weight = -weight
	}
	sums[place] += weight
}
