// Tests for the embedding jobs, on both engines: every chunk embedded once, in batches, with
// progress; two app instances sharing the jobs; a crashed worker's job taken over; a restart
// going on where it stopped; waits after failures and 429s; the model check and reindex.

package rag_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"myapp/internal/rag"
)

func TestJobsEmbedEveryChunkInBatchesWithProgress(t *testing.T) {
	w := newJobsWorld(t)
	texts := chunkTexts("guide", 2*rag.JobBatch+6)
	id := w.addDocument("guide", texts...)
	var progress []int64
	w.api.BeforeEach(func([]string) { progress = append(progress, w.document(id).EmbeddedCount) })

	if err := w.service("test/embed").ProcessPending(t.Context()); err != nil {
		t.Fatal(err)
	}
	w.wantReady(id)
	if !slices.Equal(w.api.Texts(), texts) {
		t.Errorf("the API was sent %d texts, want each of the %d chunks once, in order", len(w.api.Texts()), len(texts))
	}
	if want := []int64{0, int64(rag.JobBatch), int64(2 * rag.JobBatch)}; !slices.Equal(progress, want) {
		t.Errorf("embedded_count before each request = %v, want %v", progress, want)
	}
	if status, attempts := w.job(id); status != "done" || attempts != 1 {
		t.Errorf("job: %s after %d attempts, want done after 1", status, attempts)
	}
	// The vectors stored are the API's, float32 little-endian.
	for chunkID, vector := range w.index.documentVectors(id) {
		var text string
		if err := w.db.QueryRowContext(t.Context(), "SELECT text FROM rag_chunks WHERE id = $1", chunkID).Scan(&text); err != nil {
			t.Fatal(err)
		}
		want, _ := testEmbedder(w.api).Embed(t.Context(), []string{text})
		if !slices.Equal(vector, want[0]) {
			t.Errorf("chunk %q: stored %v, want the API's %v", text, vector, want[0])
		}
	}
}

// TestTwoInstancesNeverEmbedADocumentTwice: two Services over one database, like two app
// instances, run the jobs at once; the API sees each chunk exactly once.
func TestTwoInstancesNeverEmbedADocumentTwice(t *testing.T) {
	w := newJobsWorld(t)
	var all []string
	var ids []int64
	for _, title := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		texts := chunkTexts(title, 5)
		all = append(all, texts...)
		ids = append(ids, w.addDocument(title, texts...))
	}
	w.api.BeforeEach(func([]string) { time.Sleep(2 * time.Millisecond) }) // lets the two interleave

	instances := []*rag.Service{w.service("test/embed"), w.service("test/embed")}
	var wg sync.WaitGroup
	errs := make([]error, len(instances))
	for i, s := range instances {
		wg.Go(func() { errs[i] = s.ProcessPending(t.Context()) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for text, n := range countTexts(w.api.Texts()) {
		if n != 1 {
			t.Errorf("%q was embedded %d times, want once", text, n)
		}
	}
	if got := len(w.api.Texts()); got != len(all) {
		t.Errorf("the API embedded %d texts, want %d", got, len(all))
	}
	for _, id := range ids {
		w.wantReady(id)
	}
}

// TestAnExpiredLeaseIsTakenOver: the job of a worker that crashed waits for its lease to
// run out, then another worker takes it; a worker that was only slow loses it and stops.
func TestAnExpiredLeaseIsTakenOver(t *testing.T) {
	t.Run("crashed", func(t *testing.T) {
		w := newJobsWorld(t)
		id := w.addDocument("notes", chunkTexts("notes", 3)...)
		if _, err := rag.ClaimAndCrash(t.Context(), w.service("test/embed")); err != nil {
			t.Fatal(err)
		}
		other := w.service("test/embed")
		if err := other.ProcessPending(t.Context()); err != nil {
			t.Fatal(err)
		}
		if len(w.api.Requests()) != 0 || w.document(id).Status != rag.StatusPending {
			t.Fatalf("the job was taken while the crashed worker's lease held")
		}
		w.clock.Advance(rag.JobLease + time.Second)
		if err := other.ProcessPending(t.Context()); err != nil {
			t.Fatal(err)
		}
		w.wantReady(id)
		if status, attempts := w.job(id); status != "done" || attempts != 2 {
			t.Errorf("job: %s after %d attempts, want done after 2", status, attempts)
		}
	})
	t.Run("slow", func(t *testing.T) {
		w := newJobsWorld(t)
		texts := chunkTexts("notes", rag.JobBatch+1)
		id := w.addDocument("notes", texts...)
		stalled, release := make(chan struct{}), make(chan struct{})
		var requests atomic.Int32
		w.api.BeforeEach(func([]string) {
			if requests.Add(1) == 1 { // the first request hangs
				close(stalled)
				<-release
			}
		})
		slow := make(chan error, 1)
		go func() { slow <- w.service("test/embed").ProcessPending(t.Context()) }()
		<-stalled
		w.clock.Advance(rag.JobLease + time.Second)
		if err := w.service("test/embed").ProcessPending(t.Context()); err != nil {
			t.Fatal(err)
		}
		close(release)
		if err := <-slow; err != nil {
			t.Fatalf("the slow worker: %v, want it to drop the job quietly", err)
		}
		w.wantReady(id)
		if status, attempts := w.job(id); status != "done" || attempts != 2 {
			t.Errorf("job: %s after %d attempts, want done after 2 (the slow worker changed it)", status, attempts)
		}
		// The slow worker's first batch was sent, not saved; nothing else was sent twice.
		if got, want := len(w.api.Texts()), len(texts)+rag.JobBatch; got != want {
			t.Errorf("the API embedded %d texts, want %d", got, want)
		}
	})
}

// TestARestartGoesOnWhereTheJobStopped: stopping the app in the middle of a document puts
// its job back; the next start embeds only the chunks that have no vector yet.
func TestARestartGoesOnWhereTheJobStopped(t *testing.T) {
	w := newJobsWorld(t)
	texts := chunkTexts("book", 2*rag.JobBatch+3)
	id := w.addDocument("book", texts...)
	ctx, stop := context.WithCancel(t.Context())
	requests := 0
	w.api.BeforeEach(func([]string) {
		if requests++; requests == 2 {
			stop() // Ctrl+C during the second batch
		}
	})
	if err := w.service("test/embed").ProcessPending(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("ProcessPending = %v, want context.Canceled", err)
	}
	if document := w.document(id); document.Status != rag.StatusPending || document.EmbeddedCount != int64(rag.JobBatch) {
		t.Fatalf("after the stop: %s with %d embedded, want pending with %d", document.Status, document.EmbeddedCount, rag.JobBatch)
	}
	if status, attempts := w.job(id); status != "pending" || attempts != 0 {
		t.Errorf("job after the stop: %s after %d attempts, want pending after 0 (stopping is no failure)", status, attempts)
	}

	w.api.BeforeEach(nil)
	before := len(w.api.Texts())
	if err := w.service("test/embed").ProcessPending(t.Context()); err != nil { // the restart
		t.Fatal(err)
	}
	w.wantReady(id)
	if sent := w.api.Texts()[before:]; !slices.Equal(sent, texts[rag.JobBatch:]) {
		t.Errorf("after the restart the API was sent %d texts, want the %d not embedded yet", len(sent), len(texts)-rag.JobBatch)
	}
}

func TestTheJobsWaitWhenTheServiceIsBusy(t *testing.T) {
	w := newJobsWorld(t)
	id := w.addDocument("notes", chunkTexts("notes", 3)...)
	w.api.TooManyRequestsNext(w.clock.Now().Add(90 * time.Second).Format(http.TimeFormat))
	w.api.TooManyRequestsNext("30")
	w.api.TooManyRequestsNext("") // no Retry-After: the jobs wait a minute

	s := w.service("test/embed")
	if err := s.ProcessPending(t.Context()); err != nil {
		t.Fatal(err)
	}
	w.wantReady(id)
	waits := w.waits()
	// An HTTP date counts whole seconds: 90s from now is 89 to 90 seconds away.
	if len(waits) != 3 || waits[0] <= 89*time.Second || waits[0] > 90*time.Second || waits[1] != 30*time.Second || waits[2] != rag.BusyWait {
		t.Errorf("waits = %v, want 90s (a date), 30s and %s", waits, rag.BusyWait)
	}
	if _, attempts := w.job(id); attempts != 1 {
		t.Errorf("attempts = %d, want 1: a 429 does not count as a failure", attempts)
	}
}

func TestFailedJobsAreTriedAgainThenMarkedFailed(t *testing.T) {
	tests := []struct {
		name         string
		status       int
		wantRequests int
		wantError    string
	}{
		{"a broken service", 500, rag.MaxAttempts, "Embedding failed 5 times, the last time with: The embedding service had a problem (HTTP 500)"},
		{"a refused key", 401, 1, "check EMBEDDING_API_KEY"},
		{"an unknown model", 404, 1, "check EMBEDDING_MODEL"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			w := newJobsWorld(t)
			id := w.addDocument("notes", chunkTexts("notes", 2)...)
			for range rag.MaxAttempts {
				w.api.FailNext(test.status, "nope")
			}
			if err := w.service("test/embed").ProcessPending(t.Context()); err != nil {
				t.Fatal(err)
			}
			document := w.document(id)
			if document.Status != rag.StatusFailed || !strings.Contains(document.Error, test.wantError) {
				t.Errorf("document: %s with %q, want failed with %q", document.Status, document.Error, test.wantError)
			}
			if got := len(w.api.Requests()); got != test.wantRequests {
				t.Errorf("%d requests, want %d", got, test.wantRequests)
			}
			if status, _ := w.job(id); status != "failed" {
				t.Errorf("job: %s, want failed", status)
			}
			// Each wait is twice the one before.
			var want []time.Duration
			for i := range test.wantRequests - 1 {
				want = append(want, rag.FirstRetry<<i)
			}
			if waits := w.waits(); !slices.Equal(waits, want) {
				t.Errorf("waits = %v, want %v", waits, want)
			}
		})
	}
}

func TestAChangedModelIsRefusedUntilReindex(t *testing.T) {
	w := newJobsWorld(t)
	first := w.addDocument("first", chunkTexts("first", 3)...)
	if err := w.service("test/embed").ProcessPending(t.Context()); err != nil {
		t.Fatal(err)
	}

	// The app restarts with another model: nothing is embedded with it until a reindex.
	changed := w.service("test/embed-v2")
	second := w.addDocument("second", chunkTexts("second", 2)...)
	before := len(w.api.Requests())
	var refused *rag.ModelChangedError
	if err := changed.ProcessPending(t.Context()); !errors.As(err, &refused) || !strings.Contains(err.Error(), "run `go run . documents reindex`") {
		t.Fatalf("ProcessPending = %v, want the model refused with what to run", err)
	}
	if err := changed.CheckEmbeddingModel(t.Context()); !errors.As(err, &refused) {
		t.Errorf("CheckEmbeddingModel = %v, want a *rag.ModelChangedError (search asks it too)", err)
	}
	// Search by meaning is refused too (its query vector would come from the other model);
	// hybrid search goes on by words alone.
	if _, err := changed.Search(t.Context(), w.owner, "first", 3, rag.ModeSemantic); !errors.As(err, &refused) {
		t.Errorf("semantic Search = %v, want a *rag.ModelChangedError", err)
	}
	if _, err := changed.Search(t.Context(), w.owner, "first", 3, rag.ModeHybrid); err != nil {
		t.Errorf("hybrid Search = %v, want words alone, without an error", err)
	}
	if len(w.api.Requests()) != before || w.document(second).Status != rag.StatusPending {
		t.Fatalf("a document was embedded with the new model before a reindex")
	}

	if err := changed.Reindex(t.Context()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.index.resets, []int{4}) {
		t.Errorf("index resets = %v, want one, to 4 dimensions", w.index.resets)
	}
	if document := w.document(first); document.Status != rag.StatusPending || document.EmbeddedCount != 0 {
		t.Errorf("after the reindex the first document is %s with %d embedded, want pending with 0", document.Status, document.EmbeddedCount)
	}
	if err := changed.ProcessPending(t.Context()); err != nil {
		t.Fatal(err)
	}
	w.wantReady(first)
	w.wantReady(second)
	for _, request := range w.api.Requests()[before:] {
		if request.Model != "test/embed-v2" {
			t.Errorf("a request after the reindex asked %s, want test/embed-v2", request.Model)
		}
	}
	if got := len(w.api.Texts()) - 3; got != 5 {
		t.Errorf("the reindex embedded %d texts, want every chunk of both documents (5)", got)
	}
	// Now the old model is the one refused.
	if err := w.service("test/embed").CheckEmbeddingModel(t.Context()); !errors.As(err, &refused) {
		t.Errorf("CheckEmbeddingModel with the old model = %v, want refused", err)
	}
}

// TestRunJobsEmbedsNewDocumentsAndStops: serve's background worker embeds a document added
// while it runs, and returns once its context is cancelled.
func TestRunJobsEmbedsNewDocumentsAndStops(t *testing.T) {
	w := newJobsWorld(t)
	s := w.service("test/embed")
	rag.SetJobSleep(s, shortSleep)
	ctx, stop := context.WithCancel(t.Context())
	stopped := make(chan struct{})
	go func() { s.RunJobs(ctx); close(stopped) }()

	id := w.addDocument("late", chunkTexts("late", 2)...)
	for deadline := time.Now().Add(10 * time.Second); w.document(id).Status != rag.StatusReady; {
		if time.Now().After(deadline) {
			t.Fatal("the background worker did not embed the new document within 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("RunJobs did not return after its context was cancelled")
	}
	w.wantReady(id)
}

func TestWaitForDocumentsReportsProgress(t *testing.T) {
	w := newJobsWorld(t)
	id := w.addDocument("long", chunkTexts("long", rag.JobBatch+1)...)
	var reports []string
	s := w.service("test/embed")
	rag.SetJobSleep(s, shortSleep) // the test's clock would run ahead of the work while it polls
	err := s.WaitForDocuments(t.Context(), []int64{id}, func(d rag.Document) {
		reports = append(reports, d.Status+" "+strings.Repeat("#", d.Progress/10))
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) < 2 || reports[0] != "pending " || reports[len(reports)-1] != "ready ##########" {
		t.Errorf("reports = %q, want pending first and ready at 100%% last", reports)
	}
}

// TestAReindexTakesTheJobFromABusyWorker: a worker in the middle of a document when a
// reindex starts drops the job at its next batch, its batch unsaved, and the document is
// embedded again from the start (here by the same worker, which claims it anew).
func TestAReindexTakesTheJobFromABusyWorker(t *testing.T) {
	w := newJobsWorld(t)
	texts := chunkTexts("notes", rag.JobBatch+1)
	id := w.addDocument("notes", texts...)
	stalled, release := make(chan struct{}), make(chan struct{})
	var requests atomic.Int32
	w.api.BeforeEach(func([]string) {
		if requests.Add(1) == 1 {
			close(stalled)
			<-release
		}
	})
	busy := make(chan error, 1)
	go func() { busy <- w.service("test/embed").ProcessPending(t.Context()) }()
	<-stalled
	if err := w.service("test/embed").Reindex(t.Context()); err != nil {
		t.Fatal(err)
	}
	close(release)
	if err := <-busy; err != nil {
		t.Fatal(err)
	}
	w.wantReady(id)
	if status, attempts := w.job(id); status != "done" || attempts != 1 {
		t.Errorf("job: %s after %d attempts, want done after 1: the reindex counts anew", status, attempts)
	}
	// The first batch, sent before the reindex, was dropped and sent again.
	if got, want := len(w.api.Texts()), rag.JobBatch+len(texts); got != want {
		t.Errorf("the API embedded %d texts, want %d", got, want)
	}
}

// badEmbedder answers with the wrong number of vectors, or vectors of the wrong size.
type badEmbedder struct{ vectors, size int }

func (b badEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	vectors := make([][]float32, b.vectors)
	for i := range vectors {
		vectors[i] = make([]float32, b.size)
	}
	return vectors, nil
}
func (b badEmbedder) Model() string   { return "test/embed" }
func (b badEmbedder) Dimensions() int { return 4 }

// TestAnEmbedderThatBreaksItsPromiseFailsTheDocument: an Embedder written later that answers
// too few vectors or vectors of the wrong size fails the document; no such vector is stored.
func TestAnEmbedderThatBreaksItsPromiseFailsTheDocument(t *testing.T) {
	tests := []struct {
		name      string
		embedder  badEmbedder
		wantError string
	}{
		{"too few vectors", badEmbedder{vectors: 1, size: 4}, "returned 1 vectors for 2 texts"},
		{"too many vectors", badEmbedder{vectors: 3, size: 4}, "returned 3 vectors for 2 texts"},
		{"vectors too short", badEmbedder{vectors: 2, size: 3}, "a vector of 3 numbers instead of 4"},
		{"vectors too long", badEmbedder{vectors: 2, size: 5}, "a vector of 5 numbers instead of 4"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			w := newJobsWorld(t)
			id := w.addDocument("notes", chunkTexts("notes", 2)...)
			s := w.service("test/embed")
			s.SetEmbedder(test.embedder)
			if err := s.ProcessPending(t.Context()); err != nil {
				t.Fatal(err)
			}
			document := w.document(id)
			if document.Status != rag.StatusFailed || !strings.Contains(document.Error, test.wantError) || document.EmbeddedCount != 0 {
				t.Errorf("document: %s, %d embedded, error %q; want failed, none embedded, %q",
					document.Status, document.EmbeddedCount, document.Error, test.wantError)
			}
		})
	}
}

// shortSleep waits a millisecond, whatever it is asked: for the tests where the jobs poll.
func shortSleep(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
