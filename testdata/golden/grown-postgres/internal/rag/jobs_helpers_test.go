// What the tests of the embedding jobs share: a Service wired to the fake embeddings API and a
// stub index, on a clock the test moves, and documents made straight in the database, with
// chunks whose texts the test chooses.

package rag_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/rag"
	"myapp/internal/testutil"
)

// stubIndex is an Index that remembers what it was given.
type stubIndex struct {
	mu      sync.Mutex
	vectors map[int64]map[int64][]float32 // by document, then chunk
	resets  []int                         // the dimensions of each Reset
}

func (x *stubIndex) Add(ctx context.Context, doc rag.DocInfo, vectors map[int64][]float32) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.vectors == nil {
		x.vectors = map[int64]map[int64][]float32{}
	}
	x.vectors[doc.ID] = vectors
	return nil
}

func (x *stubIndex) RemoveDocument(ctx context.Context, documentID int64) error { return nil }

func (x *stubIndex) SetShared(ctx context.Context, documentID int64, shared bool) error { return nil }

func (x *stubIndex) Nearest(ctx context.Context, viewer int64, query []float32, k int) ([]rag.Match, error) {
	return nil, nil
}

func (x *stubIndex) Reset(ctx context.Context, dimensions int) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.vectors = nil
	x.resets = append(x.resets, dimensions)
	return nil
}

// documentVectors returns the vectors the index holds for a document.
func (x *stubIndex) documentVectors(id int64) map[int64][]float32 {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.vectors[id]
}

// jobsWorld is one test's database, clock, fake API and index; each Service made from it is
// like one more app instance on the same database.
type jobsWorld struct {
	t     *testing.T
	url   string // the test database, for one more instance
	db    *sql.DB
	clock *testutil.Clock
	api   *testutil.FakeEmbeddings
	index *stubIndex
	owner int64

	mu    sync.Mutex
	slept []time.Duration // every wait of the jobs, in order
}

func newJobsWorld(t *testing.T) *jobsWorld {
	w := &jobsWorld{t: t, url: testutil.DatabaseURL(t), clock: testutil.NewClock(),
		api: testutil.NewFakeEmbeddings(t, 4), index: &stubIndex{}}
	w.db = w.open()
	if _, err := database.Migrate(t.Context(), w.db); err != nil {
		t.Fatal(err)
	}
	w.owner = testutil.InsertRow(t, w.db, "INSERT INTO users (email, password_hash) VALUES ('owner@example.com', '!') RETURNING id")
	return w
}

// open connects once more to the test database.
func (w *jobsWorld) open() *sql.DB {
	db, err := database.Open(w.t.Context(), w.url)
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { db.Close() })
	return db
}

// service returns a new app instance on its own connections, embedding with model.
func (w *jobsWorld) service(model string) *rag.Service {
	db := w.open()
	s := rag.NewService(testutil.Config(w.t), db, database.NewStatements(db), testutil.Logger(w.t))
	embedder := rag.NewOpenAIEmbedder(w.api.URL(), testutil.FakeEmbeddingsKey, model, 4)
	rag.SetEmbedClock(embedder, w.clock.Now) // a Retry-After date is read on the test's clock
	s.SetEmbedder(embedder)
	s.SetIndex(w.index)
	rag.SetClock(s, w.clock.Now)
	rag.SetJobSleep(s, func(ctx context.Context, d time.Duration) error {
		w.mu.Lock()
		w.slept = append(w.slept, d)
		w.mu.Unlock()
		w.clock.Advance(d)
		return ctx.Err()
	})
	return s
}

// waits returns every wait of the jobs so far.
func (w *jobsWorld) waits() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.slept...)
}

// addDocument saves a pending document whose chunks hold texts, with its job, as
// AddDocument does, and returns its id.
func (w *jobsWorld) addDocument(title string, texts ...string) int64 {
	w.t.Helper()
	ctx, queries, now := w.t.Context(), models.New(w.db), w.clock.Now()
	document, err := queries.CreateDocument(ctx, models.CreateDocumentParams{OwnerID: w.owner, Title: title,
		ContentType: rag.TypeText, ChunkCount: int64(len(texts)), Now: now})
	if err != nil {
		w.t.Fatal(err)
	}
	chunks := make([]map[string]any, len(texts)) // as CreateChunks reads them
	for i, text := range texts {
		chunks[i] = map[string]any{"position": i, "heading": "", "text": text, "tokens": 1}
	}
	data, err := json.Marshal(chunks)
	if err != nil {
		w.t.Fatal(err)
	}
	if err := queries.CreateChunks(ctx, models.CreateChunksParams{DocumentID: document.ID, Chunks: string(data)}); err != nil {
		w.t.Fatal(err)
	}
	if err := queries.CreateJob(ctx, models.CreateJobParams{DocumentID: document.ID, Now: now}); err != nil {
		w.t.Fatal(err)
	}
	return document.ID
}

// chunkTexts returns n texts unique to the document named title.
func chunkTexts(title string, n int) []string {
	texts := make([]string, n)
	for i := range texts {
		texts[i] = fmt.Sprintf("%s, chunk %d", title, i)
	}
	return texts
}

// document returns a document's row.
func (w *jobsWorld) document(id int64) models.RagDocument {
	w.t.Helper()
	row, err := models.New(w.db).GetDocumentByID(w.t.Context(), id)
	if err != nil {
		w.t.Fatal(err)
	}
	return row
}

// job returns the status and attempts of a document's job.
func (w *jobsWorld) job(documentID int64) (status string, attempts int) {
	w.t.Helper()
	err := w.db.QueryRowContext(w.t.Context(), "SELECT status, attempts FROM rag_jobs WHERE document_id = "+fmt.Sprint(documentID)).
		Scan(&status, &attempts)
	if err != nil {
		w.t.Fatal(err)
	}
	return status, attempts
}

// wantReady fails the test unless the document is ready with every chunk embedded and in
// the index.
func (w *jobsWorld) wantReady(id int64) {
	w.t.Helper()
	document := w.document(id)
	if document.Status != rag.StatusReady || document.EmbeddedCount != document.ChunkCount || document.Error != "" {
		w.t.Errorf("document %d: status %s, %d of %d embedded, error %q; want ready, all embedded",
			id, document.Status, document.EmbeddedCount, document.ChunkCount, document.Error)
	}
	if got := len(w.index.documentVectors(id)); got != int(document.ChunkCount) {
		w.t.Errorf("document %d: the index holds %d vectors, want %d", id, got, document.ChunkCount)
	}
}

// countTexts counts how often the API was asked to embed each text.
func countTexts(texts []string) map[string]int {
	counts := map[string]int{}
	for _, text := range texts {
		counts[text]++
	}
	return counts
}
