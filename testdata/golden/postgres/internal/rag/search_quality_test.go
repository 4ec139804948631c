// Retrieval quality on a corpus written for the tests (testdata/corpus.txt: 30 short
// documents on distinct topics, each with a question in other words and one in its own words).
// The measure is the top-3 hit rate: the share of questions whose document is among the first
// three results. Two setups:
//   - "semantic" vectors: each topic gets a random direction, and its text and questions that
//     direction plus noise, as a real embedding model would place them: search by meaning
//     then finds the paraphrases, which share almost no words with their answers;
//   - the offline embedder (lexical: hashed words and trigrams), on the questions in the
//     documents' own words.
// In both, hybrid search must do at least as well as keyword or semantic search alone.

package rag

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// corpusTopic is one document of the corpus with its two questions.
type corpusTopic struct {
	name, title, text, paraphrase, lexical string
}

// readCorpus reads testdata/corpus.txt.
func readCorpus(t *testing.T) []corpusTopic {
	t.Helper()
	file, err := os.Open("testdata/corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var topics []corpusTopic
	lines := bufio.NewScanner(file)
	for lines.Scan() {
		line := lines.Text()
		if name, ok := strings.CutPrefix(line, "== "); ok {
			topics = append(topics, corpusTopic{name: name})
			continue
		}
		key, value, ok := strings.Cut(line, ": ")
		if !ok || len(topics) == 0 || strings.HasPrefix(line, "#") {
			continue
		}
		topic := &topics[len(topics)-1]
		switch key {
		case "title":
			topic.title = value
		case "text":
			topic.text = value
		case "paraphrase":
			topic.paraphrase = value
		case "lexical":
			topic.lexical = value
		}
	}
	if len(topics) != 30 {
		t.Fatalf("testdata/corpus.txt holds %d topics, want 30", len(topics))
	}
	return topics
}

// semanticEmbedder gives each topic's text and questions vectors near one random direction.
func semanticEmbedder(topics []corpusTopic) *tableEmbedder {
	const dims = 64
	rng := rand.New(rand.NewPCG(15, 15))
	embedder := &tableEmbedder{dims: dims, vectors: map[string][]float32{}}
	near := func(center []float32) []float32 {
		noise := gaussian(rng, dims, 0.6)
		for i := range noise {
			noise[i] += center[i]
		}
		return noise
	}
	for _, topic := range topics {
		center := gaussian(rng, dims, 1)
		for _, text := range []string{topic.text, topic.paraphrase, topic.lexical} {
			embedder.vectors[text] = near(center)
		}
	}
	return embedder
}

// hitRates returns, by mode, the share of questions whose topic's chunk is in the top 3.
func hitRates(f *searchFixture, topics []corpusTopic, chunkOf map[string]int64, question func(corpusTopic) string) map[string]float64 {
	rates := map[string]float64{}
	for _, mode := range []string{ModeKeyword, ModeSemantic, ModeHybrid} {
		hits := 0
		for _, topic := range topics {
			for _, id := range f.search("reader", question(topic), 3, mode) {
				if id == chunkOf[topic.name] {
					hits++
				}
			}
		}
		rates[mode] = float64(hits) / float64(len(topics))
	}
	return rates
}

func TestRetrievalQuality(t *testing.T) {
	topics := readCorpus(t)
	paraphrase := func(c corpusTopic) string { return c.paraphrase }
	lexical := func(c corpusTopic) string { return c.lexical }
	setups := []struct {
		name      string
		embedder  Embedder
		question  func(corpusTopic) string
		atLeast   string  // the mode that must do well here
		threshold float64 // how well
	}{
		{"semantic vectors, questions in other words", semanticEmbedder(topics), paraphrase, ModeSemantic, 0.9},
		{"semantic vectors, questions in the documents' words", semanticEmbedder(topics), lexical, ModeKeyword, 0.9},
		{"offline embedder, questions in the documents' words", OfflineEmbedder{}, lexical, ModeSemantic, 0.9},
	}
	for engine, kind := range searchDatabases() {
		for _, setup := range setups {
			t.Run(engine+"/"+setup.name, func(t *testing.T) {
				f := newSearchFixture(t, &kind, setup.embedder)
				chunkOf := map[string]int64{}
				for _, topic := range topics {
					chunkOf[topic.name] = f.addDocument("writer", topic.title, true, topic.text)[0]
				}
				f.openIndex()
				rates := hitRates(f, topics, chunkOf, setup.question)
				t.Logf("top-3 hit rate: keyword %.2f, semantic %.2f, hybrid %.2f", rates[ModeKeyword], rates[ModeSemantic], rates[ModeHybrid])
				if rates[setup.atLeast] < setup.threshold {
					t.Errorf("%s search: top-3 hit rate %.2f, want at least %.2f", setup.atLeast, rates[setup.atLeast], setup.threshold)
				}
				if best := max(rates[ModeKeyword], rates[ModeSemantic]); rates[ModeHybrid] < best {
					t.Errorf("hybrid search: top-3 hit rate %.2f, below the better of the two alone (%.2f)", rates[ModeHybrid], best)
				}
			})
		}
	}
}

// The corpus says what it promises: each paraphrase shares at most one word with its text
// (not counting short words), so only meaning finds it.
func TestCorpusParaphrasesShareFewWords(t *testing.T) {
	for _, topic := range readCorpus(t) {
		text := map[string]bool{}
		for _, w := range QueryWords(topic.text) {
			text[w] = true
		}
		var shared []string
		for _, w := range QueryWords(topic.paraphrase) {
			if len(w) > 3 && text[w] {
				shared = append(shared, w)
			}
		}
		if len(shared) > 1 {
			t.Errorf("%s: the paraphrase shares %s with the text", topic.name, fmt.Sprint(shared))
		}
	}
}
