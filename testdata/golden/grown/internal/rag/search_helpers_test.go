// Helpers of the search tests: a service over a migrated test database, documents written
// straight into the tables with the vectors a test chooses, and embedders a test controls.

package rag

import (
	"context"
	"encoding/binary"
	"hash/fnv"
	"log/slog"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/testutil"
)

// searchFixture is a service with users and documents to search.
type searchFixture struct {
	t          testing.TB
	service    *Service
	users      map[string]int64
	documentOf map[int64]int64 // chunk id -> document id
}

// testDatabase gives a test a new, empty database (searchDatabases, in engines_test.go).
type testDatabase struct {
	url           func(testing.TB) string
	oneConnection bool // the server takes one connection at a time (PGlite)
}

// newSearchFixture returns a service over a new database of the kind given (nil: the app's
// engine) that embeds with embedder; its index is opened by openIndex, after the documents
// are in.
func newSearchFixture(t testing.TB, kind *testDatabase, embedder Embedder) *searchFixture {
	t.Helper()
	if kind == nil {
		kind = &testDatabase{url: testutil.DatabaseURL}
	}
	db, err := database.Open(t.Context(), kind.url(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if kind.oneConnection {
		db.SetMaxOpenConns(1)
	}
	if _, err := database.Migrate(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	service := NewService(config.Config{}, db, database.NewStatements(db), slog.New(slog.DiscardHandler))
	service.SetEmbedder(embedder)
	return &searchFixture{t: t, service: service, users: map[string]int64{}, documentOf: map[int64]int64{}}
}

// user returns the id of the user called name, made the first time.
func (f *searchFixture) user(name string) int64 {
	if id, ok := f.users[name]; ok {
		return id
	}
	id := testutil.InsertRow(f.t, f.service.db,
		"INSERT INTO users (email, password_hash) VALUES ($1, '!') RETURNING id", name+"@example.com")
	f.users[name] = id
	return id
}

// addDocument stores a document of owner's with one chunk per text, each embedded by the
// fixture's embedder, and returns the chunks' ids in order.
func (f *searchFixture) addDocument(owner, title string, shared bool, texts ...string) []int64 {
	f.t.Helper()
	ctx := f.t.Context()
	db := f.service.db
	docID := testutil.InsertRow(f.t, db, `INSERT INTO rag_documents
		(owner_id, title, content_type, shared, status, chunk_count, embedded_count, created_at, updated_at)
		VALUES ($1, $2, 'text/plain', $3, 'ready', $4, $4, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`,
		f.user(owner), title, shared, len(texts))
	vectors, err := f.service.embedder.Embed(ctx, texts)
	if err != nil {
		f.t.Fatal(err)
	}
	ids := make([]int64, len(texts))
	for i, text := range texts {
		ids[i] = testutil.InsertRow(f.t, db, `INSERT INTO rag_chunks (document_id, position, heading, text, tokens, embedding)
			VALUES ($1, $2, '', $3, $4, $5) RETURNING id`, docID, i, text, testTokens(text), float32Bytes(vectors[i]))
		f.documentOf[ids[i]] = docID
	}
	return ids
}

// openIndex builds the service's vector index from what the database holds.
func (f *searchFixture) openIndex() {
	f.t.Helper()
	if err := f.service.OpenIndex(f.t.Context()); err != nil {
		f.t.Fatal(err)
	}
}

// search runs Search and returns the chunk ids found, best first.
func (f *searchFixture) search(viewer, query string, k int, mode string) []int64 {
	f.t.Helper()
	hits, err := f.service.Search(f.t.Context(), f.user(viewer), query, k, mode)
	if err != nil {
		f.t.Fatalf("Search(%q, %s): %v", query, mode, err)
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ChunkID
	}
	return ids
}

// float32Bytes is a vector as rag_chunks.embedding keeps it: float32s, little-endian.
func float32Bytes(v []float32) []byte {
	out := make([]byte, 0, 4*len(v))
	for _, x := range v {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(x))
	}
	return out
}

// tableEmbedder embeds each text it knows as the vector a test gave it: "semantic" vectors
// that say which texts mean the same, whatever words they use. Any other text gets a vector
// of its own made from its bytes, near none of the others.
type tableEmbedder struct {
	dims    int
	vectors map[string][]float32
}

func (e *tableEmbedder) Model() string   { return "test-table" }
func (e *tableEmbedder) Dimensions() int { return e.dims }

func (e *tableEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, text := range texts {
		v, ok := e.vectors[text]
		if !ok {
			v = e.unknown(text)
		}
		out[i] = v
	}
	return out, nil
}

// unknown returns a vector for a text the test gave none: pseudo-random from its hash.
func (e *tableEmbedder) unknown(text string) []float32 {
	h := fnv.New64a()
	h.Write([]byte(text))
	rng := rand.New(rand.NewPCG(h.Sum64(), 1))
	return gaussian(rng, e.dims, 1)
}

// testTokens is the length in tokens the tests store for a chunk: its words.
func testTokens(text string) int { return len(strings.Fields(text)) }
