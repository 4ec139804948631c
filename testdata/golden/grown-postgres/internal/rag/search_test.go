// Tests of Search and Retrieve, on every database the app's engine offers (searchDatabases,
// in engines_test.go): SQLite; on PostgreSQL, the in-memory index and pgvector (PGlite).

package rag

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"myapp/internal/testutil"
)

// topicVector is a unit-ish vector pointing mostly along axis topic, a little along
// wobble: texts of one topic are near each other, and far from other topics.
func topicVector(dims, topic, wobble int) []float32 {
	v := make([]float32, dims)
	v[topic] = 1
	v[(topic+wobble+1)%dims] = 0.3
	return v
}

// twoTopics is a fixture with a document about installing Go and one about baking bread,
// whose "semantic" vectors put each question near its answer even without a shared word.
func twoTopics(t *testing.T, kind *testDatabase) (*searchFixture, []int64, []int64) {
	const dims = 16
	embedder := &tableEmbedder{dims: dims, vectors: map[string][]float32{
		"Download the installer from go.dev and run it.":     topicVector(dims, 0, 1),
		"Check the version afterwards with a terminal.":      topicVector(dims, 0, 2),
		"Knead the dough for ten minutes, then let it rise.": topicVector(dims, 5, 1),
		"how do I set up golang":                             topicVector(dims, 0, 3),
		"making a loaf at home":                              topicVector(dims, 5, 3),
		"quantum chromodynamics":                             topicVector(dims, 10, 1),
	}}
	f := newSearchFixture(t, kind, embedder)
	golang := f.addDocument("alice", "Installing Go", false,
		"Download the installer from go.dev and run it.", "Check the version afterwards with a terminal.")
	bread := f.addDocument("alice", "Baking bread", false, "Knead the dough for ten minutes, then let it rise.")
	f.openIndex()
	return f, golang, bread
}

func TestSearchModes(t *testing.T) {
	for engine, kind := range searchDatabases() {
		t.Run(engine, func(t *testing.T) {
			f, golang, bread := twoTopics(t, &kind)
			tests := []struct {
				query, mode string
				want        []int64
			}{
				// Meaning, with no word in common.
				{"how do I set up golang", ModeSemantic, golang},
				// Words: only the chunks that hold them.
				{"knead dough", ModeKeyword, bread},
				{"installer version", ModeKeyword, golang},
				{"how do I set up golang", ModeKeyword, nil},
				// Hybrid: what either finds.
				{"how do I set up golang", ModeHybrid, golang},
			}
			for _, tt := range tests {
				got := f.search("alice", tt.query, 2, tt.mode)
				if !sameSet(got, tt.want) {
					t.Errorf("%s search %q found chunks %v, want %v", tt.mode, tt.query, got, tt.want)
				}
			}
			if got := f.search("alice", "making a loaf at home", 1, ModeSemantic); !slices.Equal(got, bread) {
				t.Errorf("semantic search \"making a loaf at home\" found %v first, want %v", got, bread)
			}
			// Hybrid finds by words what meaning alone ranks low.
			if got := f.search("alice", "knead dough", 3, ModeHybrid); len(got) == 0 || got[0] != bread[0] {
				t.Errorf("hybrid search \"knead dough\" found %v, want chunk %d first", got, bread[0])
			}
		})
	}
}

func sameSet(a, b []int64) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

func TestSearchShowsOwnAndSharedDocumentsOnly(t *testing.T) {
	for engine, kind := range searchDatabases() {
		t.Run(engine, func(t *testing.T) {
			f := newSearchFixture(t, &kind, &tableEmbedder{dims: 8})
			own := f.addDocument("alice", "Alice's notes", false, "tomato soup recipe")
			private := f.addDocument("bob", "Bob's notes", false, "tomato salad recipe")
			shared := f.addDocument("bob", "Bob's shared notes", true, "tomato sauce recipe")
			f.openIndex()
			for _, mode := range []string{ModeKeyword, ModeSemantic, ModeHybrid} {
				got := f.search("alice", "tomato recipe", 10, mode)
				if !sameSet(got, []int64{own[0], shared[0]}) {
					t.Errorf("%s: alice found %v, want her own %v and the shared %v, never bob's %v", mode, got, own, shared, private)
				}
				if got := f.search("carol", "tomato recipe", 10, mode); !sameSet(got, shared) {
					t.Errorf("%s: carol found %v, want only the shared %v", mode, got, shared)
				}
			}
		})
	}
}

// Hostile queries: syntax of FTS5 and tsquery, quotes, SQL, NUL, control characters, huge
// input. None may fail, find what it should not, or harm the tables.
func TestSearchHostileQueries(t *testing.T) {
	queries := []string{
		"", " ", "\t\n", `"`, `""`, `'`, `''`, `"unclosed`, `'unclosed`, "\x00", "recipe\x00soup",
		"AND", "OR", "NOT", "recipe AND", "OR recipe", "NOT recipe", "recipe NOT soup", "NEAR(recipe soup)",
		"recipe*", "*", "^recipe", "text:recipe", "heading:recipe", "{heading text}: recipe", "recipe + soup",
		"recipe & soup", "recipe | soup", "!recipe", "recipe <-> soup", "recipe:*", "recipe:AB", "(recipe", "recipe)",
		"'; DROP TABLE rag_chunks; --", `" OR 1=1 --`, "\\", "\\'", "%", "_", "$1", "?", ":name", "@name",
		"\u202erecipe", "recipe\u200bsoup", "🍅 recipe", "ｒｅｃｉｐｅ", "re\u0301cipe",
		strings.Repeat("recipe ", 20000), strings.Repeat("x", 100000), strings.Repeat(`"`, 5000),
		strings.Repeat("a ", 5000) + "recipe",
	}
	for engine, kind := range searchDatabases() {
		t.Run(engine, func(t *testing.T) {
			f := newSearchFixture(t, &kind, &tableEmbedder{dims: 8})
			recipe := f.addDocument("alice", "Soup", false, "tomato soup recipe")
			f.addDocument("bob", "Bob's", false, "bob's secret recipe")
			f.openIndex()
			for _, query := range queries {
				for _, mode := range []string{ModeKeyword, ModeSemantic, ModeHybrid} {
					hits, err := f.service.Search(t.Context(), f.user("alice"), query, 10, mode)
					if err != nil {
						t.Errorf("%s search %.40q: %v", mode, query, err)
					}
					for _, h := range hits {
						if h.ChunkID != recipe[0] {
							t.Errorf("%s search %.40q found chunk %d, which is not alice's", mode, query, h.ChunkID)
						}
					}
				}
			}
			if got := f.search("alice", "recipe", 10, ModeKeyword); !slices.Equal(got, recipe) {
				t.Errorf("after the hostile queries, keyword search found %v, want %v", got, recipe)
			}
		})
	}
}

func TestSearchRefusesBadArguments(t *testing.T) {
	f := newSearchFixture(t, nil, &tableEmbedder{dims: 8})
	tests := []struct {
		k    int
		mode string
		want error
	}{
		{0, ModeHybrid, ErrBadLimit}, {-1, ModeHybrid, ErrBadLimit}, {MaxResults + 1, ModeHybrid, ErrBadLimit},
		{10, "", ErrBadMode}, {10, "fuzzy", ErrBadMode}, {10, "Hybrid", ErrBadMode},
	}
	for _, tt := range tests {
		if _, err := f.service.Search(t.Context(), f.user("alice"), "recipe", tt.k, tt.mode); !errors.Is(err, tt.want) {
			t.Errorf("Search(k=%d, mode=%q) = %v, want %v", tt.k, tt.mode, err, tt.want)
		}
	}
	// Without vectors, semantic search says so; hybrid and keyword still search by words.
	noVectors := newSearchFixture(t, nil, nil)
	if _, err := noVectors.service.Search(t.Context(), 1, "recipe", 10, ModeSemantic); !errors.Is(err, ErrNoSemantic) {
		t.Errorf("semantic search without an embedder = %v, want ErrNoSemantic", err)
	}
	if _, err := noVectors.service.Search(t.Context(), 1, "recipe", 10, ModeHybrid); err != nil {
		t.Errorf("hybrid search without an embedder: %v", err)
	}
}

func TestRetrieveKeepsRelevantChunksWithinTheBudget(t *testing.T) {
	for engine, kind := range searchDatabases() {
		t.Run(engine, func(t *testing.T) {
			f, golang, bread := twoTopics(t, &kind)
			ctx, alice := t.Context(), f.user("alice")
			hits, err := f.service.Retrieve(ctx, alice, "how do I set up golang", 1000)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(hits); !sameSet(got, golang) {
				t.Errorf("Retrieve found %v, want the Go chunks %v and not the bread %v (below MinSimilarity)", got, golang, bread)
			}
			// A budget for one chunk keeps the best one only.
			one := testTokens("Download the installer from go.dev and run it.")
			hits, err = f.service.Retrieve(ctx, alice, "how do I set up golang", one)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != 1 {
				t.Errorf("Retrieve with a budget of %d tokens found %v, want one chunk", one, hitIDs(hits))
			}
			// Unrelated: nothing, which the chat tells the model.
			hits, err = f.service.Retrieve(ctx, alice, "quantum chromodynamics", 1000)
			if err != nil || len(hits) != 0 {
				t.Errorf("Retrieve of an unrelated question = %v, %v; want nothing", hitIDs(hits), err)
			}
		})
	}
}

// The offline embedder measures shared vocabulary, so a short question is far from a long
// passage that answers it: the passage's other words dilute its vector. Retrieve still uses a
// passage that holds the words that matter, but not one that shares a single word.
func TestRetrieveUsesPassagesThatHoldTheQuestionsWords(t *testing.T) {
	for engine, kind := range searchDatabases() {
		t.Run(engine, func(t *testing.T) {
			f := newSearchFixture(t, &kind, OfflineEmbedder{})
			fresnel := f.addDocument("alice", "Lighthouse optics", false, fresnelPassage)
			camera := f.addDocument("alice", "Choosing a camera", false, cameraPassage)
			f.openIndex()
			const question = "What does a Fresnel lens do?"
			if near := offlineCosine(t, question, fresnelPassage); near >= MinSimilarity {
				t.Fatalf("the question is %.2f near the passage: the test needs a passage below MinSimilarity (%.2f)", near, MinSimilarity)
			}
			hits, err := f.service.Retrieve(t.Context(), f.user("alice"), question, 2000)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(hits); !sameSet(got, fresnel) {
				t.Errorf("Retrieve(%q) found %v, want the Fresnel passage %v and not the camera passage %v (it shares one word)",
					question, got, fresnel, camera)
			}
		})
	}
}

// offlineCosine is the cosine similarity of two texts' offline vectors (both of length 1).
func offlineCosine(t *testing.T, a, b string) float64 {
	t.Helper()
	vectors, err := OfflineEmbedder{}.Embed(t.Context(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	var dot float64
	for i := range vectors[0] {
		dot += float64(vectors[0][i] * vectors[1][i])
	}
	return dot
}

const fresnelPassage = `Before 1820 a lighthouse burned oil behind polished metal mirrors, and most of its light ` +
	`was wasted on the sky. Augustin Fresnel, a French engineer, proposed a lens built from ` +
	`concentric rings of glass. Each ring is a thin slice of the curved face of an ordinary ` +
	`lens, set back towards the flat side, so the whole lens bends light as strongly as a ` +
	`thick one while weighing a fraction as much. Prisms around the outside catch the light ` +
	`that would escape above and below and turn it into the beam. The first such lens was ` +
	`installed at Cordouan in 1823, and keepers reported that its beam could be seen more ` +
	`than thirty kilometres away. Rotating assemblies of panels gave each station its own ` +
	`pattern of flashes, so sailors could tell one coast from another at night. The same idea ` +
	`now sits in traffic signals, overhead projectors, theatre spotlights, solar furnaces and ` +
	`the thin plastic magnifiers sold as bookmarks. The price of the design is sharpness: the ` +
	`steps between rings scatter a little light, which ruins a photograph but hardly matters ` +
	`for a signal meant to be seen rather than looked through.`

const cameraPassage = `A first camera need not be expensive. A second-hand body with a kit lens teaches ` +
	`exposure, focus and framing as well as a new one, and the money saved buys a tripod, ` +
	`spare batteries and a course. Shoot every day for a month before buying anything else.`

func hitIDs(hits []Hit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ChunkID
	}
	return ids
}

// Searches run while writers add documents to the index: every search answers, and each
// document is found once it is in.
func TestSearchWhileDocumentsAreAdded(t *testing.T) {
	for engine, kind := range searchDatabases() {
		t.Run(engine, func(t *testing.T) {
			f := newSearchFixture(t, &kind, &tableEmbedder{dims: 8})
			f.openIndex()
			const writers, each = 4, 5
			docs := make([][]int64, writers*each)
			for i := range docs { // stored first: testutil.InsertRow may not run in goroutines
				docs[i] = f.addDocument("alice", fmt.Sprintf("Document %d", i), false, fmt.Sprintf("chunk of document %d", i))
			}
			alice := f.user("alice")
			testutil.Concurrently(t, writers*2, each, func(writer, n int) error {
				if writer >= writers {
					_, err := f.service.Search(t.Context(), alice, "chunk document", 10, ModeHybrid)
					return err
				}
				i := writer*each + n
				vectors, err := f.service.embedder.Embed(t.Context(), []string{fmt.Sprintf("chunk of document %d", i)})
				if err != nil {
					return err
				}
				doc := DocInfo{ID: f.documentOf[docs[i][0]], OwnerID: alice}
				return f.service.index.Add(t.Context(), doc, map[int64][]float32{docs[i][0]: vectors[0]})
			})
			if got := f.search("alice", "chunk of document 7", 50, ModeSemantic); len(got) != writers*each {
				t.Errorf("after the writers, semantic search finds %d chunks, want %d", len(got), writers*each)
			}
		})
	}
}

// Another process (`go run . documents add`, another instance of the app) stores and deletes
// documents in the database: the in-memory index catches up at the next search after
// syncEvery.
func TestMemoryIndexCatchesUpWithOtherProcesses(t *testing.T) {
	f := newSearchFixture(t, nil, &tableEmbedder{dims: 8})
	f.addDocument("alice", "Mine", false, "tomato soup")
	f.openIndex()
	index, ok := f.service.index.(*MemoryIndex)
	if !ok {
		t.Skipf("the index is a %T: it is kept in the database, where every process sees it", f.service.index)
	}
	// Written straight to the database, as another process's job would.
	theirs := f.addDocument("alice", "Added elsewhere", false, "tomato salad")
	if got := f.search("alice", "tomato salad", 5, ModeSemantic); slices.Contains(got, theirs[0]) {
		t.Fatalf("found chunk %d before any sync: the test does not test what it says", theirs[0])
	}
	index.syncedAt = time.Time{} // as if syncEvery had passed
	if got := f.search("alice", "tomato salad", 5, ModeSemantic); !slices.Contains(got, theirs[0]) {
		t.Errorf("after a sync, semantic search found %v, want the chunk %d added by another process", got, theirs[0])
	}
	if _, err := f.service.db.ExecContext(t.Context(), "DELETE FROM rag_documents WHERE id = $1", f.documentOf[theirs[0]]); err != nil {
		t.Fatal(err)
	}
	index.syncedAt = time.Time{}
	f.search("alice", "tomato", 5, ModeSemantic)
	if index.Len() != 1 {
		t.Errorf("after another process deleted a document and a sync, the index holds %d chunks, want 1", index.Len())
	}
}

// The whole path: a document added, chunked and embedded by the job is found by every mode,
// and no longer once deleted.
func TestSearchFindsAddedDocumentsUntilDeleted(t *testing.T) {
	for engine, kind := range searchDatabases() {
		t.Run(engine, func(t *testing.T) {
			f := newSearchFixture(t, &kind, OfflineEmbedder{})
			f.openIndex()
			ctx, alice := t.Context(), f.user("alice")
			doc, err := f.service.AddDocument(ctx, alice, NewDocument{Title: "Kites", ContentType: TypeText,
				Text: "Flying a kite needs a steady wind and an open field away from power lines."})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.service.ProcessPending(ctx); err != nil {
				t.Fatal(err)
			}
			for _, mode := range []string{ModeKeyword, ModeSemantic, ModeHybrid} {
				hits, err := f.service.Search(ctx, alice, "kite wind field", 3, mode)
				if err != nil || len(hits) == 0 || hits[0].DocumentID != doc.ID {
					t.Errorf("%s search after adding: %v, %v; want document %d first", mode, hits, err, doc.ID)
				}
			}
			if err := f.service.DeleteDocument(ctx, alice, doc.ID); err != nil {
				t.Fatal(err)
			}
			for _, mode := range []string{ModeKeyword, ModeSemantic, ModeHybrid} {
				if got := f.search("alice", "kite wind field", 3, mode); len(got) != 0 {
					t.Errorf("%s search after deleting found %v", mode, got)
				}
			}
		})
	}
}

// failingEmbedder is an embedding service that is down.
type failingEmbedder struct{ dims int }

func (e failingEmbedder) Model() string   { return "test-down" }
func (e failingEmbedder) Dimensions() int { return e.dims }
func (e failingEmbedder) Embed(context.Context, []string) ([][]float32, error) {
	return nil, errors.New("the embedding service is down")
}

// When the embedding service fails, semantic search says so, and hybrid search and Retrieve
// go on by words alone.
func TestSearchByWordsWhenTheEmbedderFails(t *testing.T) {
	f := newSearchFixture(t, nil, &tableEmbedder{dims: 8})
	soup := f.addDocument("alice", "Soup", false, "tomato soup recipe")
	f.openIndex()
	f.service.SetEmbedder(failingEmbedder{dims: 8})
	ctx, alice := t.Context(), f.user("alice")
	if _, err := f.service.Search(ctx, alice, "tomato", 5, ModeSemantic); err == nil {
		t.Error("semantic search with the embedder down did not fail")
	}
	if got := f.search("alice", "tomato", 5, ModeHybrid); !slices.Equal(got, soup) {
		t.Errorf("hybrid search with the embedder down found %v, want %v by words", got, soup)
	}
	hits, err := f.service.Retrieve(ctx, alice, "tomato soup", 1000)
	if err != nil || !slices.Equal(hitIDs(hits), soup) {
		t.Errorf("Retrieve with the embedder down = %v, %v; want %v by words", hitIDs(hits), err, soup)
	}
}
