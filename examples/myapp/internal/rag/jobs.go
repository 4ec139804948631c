// The embedding jobs: each document has one job row (rag_jobs) that a worker claims, and the
// worker embeds the document's chunks in batches, saving each batch and the progress as it
// goes, then puts the vectors in the Index and marks the document ready. serve runs a worker
// in the background (RunJobs); `documents add` and the tests run the jobs in hand
// (ProcessPending). The jobs live in the database the app already has, so a crash loses
// nothing and several app instances share the work without a queue server.

package rag

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"myapp/internal/database"
	"myapp/internal/models"
)

// The statuses a job ends with. Before, it is 'pending' (waiting for a worker) or 'running':
// then it belongs to the worker that claimed it until its lease (locked_until) runs out, and
// after a crash another worker takes it over. The queries (rag_embedding.sql) set those two.
const (
	jobDone   = "done"
	jobFailed = "failed"
)

// jobSettings say how the jobs run; tests shorten the waits and replace sleep.
type jobSettings struct {
	batch        int           // chunks embedded and saved together: progress moves in these steps
	lease        time.Duration // how long a claim holds a job; renewed after each batch
	maxAttempts  int           // failed attempts before the document is marked failed
	firstRetry   time.Duration // the wait after the first failure; it doubles after each next one
	busyWait     time.Duration // the wait after a 429 that did not say how long
	pollInterval time.Duration // how often an idle worker looks for new jobs
	sleep        func(ctx context.Context, d time.Duration) error
}

func defaultJobSettings() jobSettings {
	return jobSettings{
		batch:        32,
		lease:        2 * time.Minute,
		maxAttempts:  5, // waits of 10s, 20s, 40s and 80s: a service down for minutes fails the document
		firstRetry:   10 * time.Second,
		busyWait:     time.Minute,
		pollInterval: 2 * time.Second,
		sleep:        sleepContext,
	}
}

// sleepContext waits d, or less when ctx is cancelled (then it returns ctx's error).
func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// errNoEmbedder: the Service was made without SetEmbedder (server.NewDeps sets one).
var errNoEmbedder = errors.New("no embedder is set (rag.Service.SetEmbedder): documents cannot be embedded")

// errLeaseLost: another worker took the job over (this one was too slow, and its lease ran
// out) or a reindex queued it again. The worker drops it and writes nothing more.
var errLeaseLost = errors.New("the job is no longer this worker's")

// RunJobs embeds the documents of every pending job, and of each new one as it comes, until
// ctx is cancelled (serve runs it in the background). A job in hand when ctx is cancelled is
// put back, to be taken again at the next start.
func (s *Service) RunJobs(ctx context.Context) {
	if s.embedder == nil {
		return
	}
	lastProblem := ""
	for {
		err := s.runDueJobs(ctx)
		if ctx.Err() != nil {
			return
		}
		// A problem that lasts (the wrong model, a database gone) is logged once, not every poll.
		if err != nil && err.Error() != lastProblem {
			s.logger.Error("documents are not being embedded", "error", err)
		}
		lastProblem = ""
		if err != nil {
			lastProblem = err.Error()
		}
		if s.jobs.sleep(ctx, s.jobs.pollInterval) != nil {
			return
		}
	}
}

// ProcessPending runs jobs until none is pending: it waits for those that wait to be tried
// again (after a failure, or a 429). Jobs that other workers hold are theirs: it does not wait
// for them.
func (s *Service) ProcessPending(ctx context.Context) error {
	if s.embedder == nil {
		return errNoEmbedder
	}
	for {
		if err := s.runDueJobs(ctx); err != nil {
			return err
		}
		next, err := s.queries.NextPendingJob(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if wait := next.Sub(s.now()); wait > 0 {
			if err := s.jobs.sleep(ctx, wait); err != nil {
				return err
			}
		}
	}
}

// runDueJobs claims and runs due jobs, one at a time, until none is due.
func (s *Service) runDueJobs(ctx context.Context) error {
	due, err := s.queries.HasDueJob(ctx, s.now())
	if err != nil || !due {
		return err
	}
	if err := s.CheckEmbeddingModel(ctx); err != nil {
		return err
	}
	for {
		now := s.now()
		job, err := s.queries.ClaimJob(ctx, models.ClaimJobParams{Now: now, LockedUntil: s.leaseFrom(now)})
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := s.runJob(ctx, job); err != nil {
			return err
		}
	}
}

// leaseFrom is when a claim or renewal made at now runs out.
func (s *Service) leaseFrom(now time.Time) sql.NullTime {
	return sql.NullTime{Time: now.Add(s.jobs.lease), Valid: true}
}

// runJob embeds the document of a claimed job and records how it went. It returns an error
// only when the worker must stop: ctx was cancelled, or the job could not be recorded.
func (s *Service) runJob(ctx context.Context, job models.ClaimJobRow) error {
	err := s.embedDocument(ctx, job)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errLeaseLost):
		s.logger.Warn("an embedding job was taken over by another worker", "document", job.DocumentID)
		return nil
	case ctx.Err() != nil:
		// Stopping is no failure: put the job back, due at once, with this attempt not
		// counted. ctx is done, so the write gets a few seconds of its own.
		putBackCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		s.retryJob(putBackCtx, job, job.Attempts-1, s.now(), "")
		return ctx.Err()
	}
	return s.recordFailure(ctx, job, err)
}

// embedDocument embeds the chunks of the job's document that have no vector yet, batch by
// batch, then hands all its vectors to the index and marks it ready.
func (s *Service) embedDocument(ctx context.Context, job models.ClaimJobRow) error {
	document, err := s.queries.GetDocumentByID(ctx, job.DocumentID)
	if errors.Is(err, sql.ErrNoRows) {
		return errLeaseLost // deleted meanwhile: its job went with it
	}
	if err != nil {
		return err
	}
	todo, err := s.queries.ListChunksToEmbed(ctx, document.ID)
	if err != nil {
		return err
	}
	embedded := int(document.ChunkCount) - len(todo)
	for batch := range slices.Chunk(todo, s.jobs.batch) {
		texts := make([]string, len(batch))
		for i, chunk := range batch {
			texts[i] = chunk.Text
		}
		vectors, err := s.embedder.Embed(ctx, texts)
		if err != nil {
			return err
		}
		if err := s.checkVectors(vectors, len(texts)); err != nil {
			return err
		}
		embedded += len(batch)
		err = s.saveBatch(ctx, job, document.ID, embedded, batch, vectors)
		if err != nil {
			return err
		}
	}
	return s.finishDocument(ctx, job, document.ID)
}

// checkVectors refuses what no index can hold: a vector missing, or of another size than
// the model's (an Embedder of this package never does that, one written later might).
func (s *Service) checkVectors(vectors [][]float32, want int) error {
	if len(vectors) != want {
		return fmt.Errorf("the embedder returned %d vectors for %d texts", len(vectors), want)
	}
	for _, vector := range vectors {
		if len(vector) != s.embedder.Dimensions() {
			return &EmbeddingError{Permanent: true, Message: fmt.Sprintf(
				"The embedder returned a vector of %d numbers instead of %d.", len(vector), s.embedder.Dimensions())}
		}
	}
	return nil
}

// saveBatch stores a batch's vectors and the document's progress, and renews the lease, in
// one transaction: all of it, or nothing when the job is no longer this worker's. Every
// transaction of the jobs writes the document row first, then the job's, then chunks: in
// the same order, two of them never wait for each other in a circle (a deadlock).
func (s *Service) saveBatch(ctx context.Context, job models.ClaimJobRow, documentID int64, embedded int,
	batch []models.ListChunksToEmbedRow, vectors [][]float32) error {
	now := s.now()
	return database.WriteTx(ctx, s.db, func(tx *sql.Tx) error {
		queries := s.queries.WithTx(tx)
		err := queries.SetDocumentProgress(ctx, models.SetDocumentProgressParams{ID: documentID, EmbeddedCount: int64(embedded), Now: now})
		if err != nil {
			return err
		}
		renewed, err := queries.RenewJobLease(ctx, models.RenewJobLeaseParams{ID: job.ID, Attempts: job.Attempts,
			LockedUntil: s.leaseFrom(now), Now: now})
		if err != nil {
			return err
		}
		if renewed == 0 {
			return errLeaseLost
		}
		for i, chunk := range batch {
			err := queries.SetChunkEmbedding(ctx, models.SetChunkEmbeddingParams{ID: chunk.ID, Embedding: encodeVector(vectors[i])})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// finishDocument puts every vector of the document in the index, then marks it ready and
// its job done. (After a crash between the two, the job runs again: it has nothing left to
// embed, and adds the same vectors again.)
func (s *Service) finishDocument(ctx context.Context, job models.ClaimJobRow, documentID int64) error {
	rows, err := s.queries.ListDocumentVectors(ctx, documentID)
	if err != nil {
		return err
	}
	vectors := make(map[int64][]float32, len(rows))
	for _, row := range rows {
		if vectors[row.ID], err = decodeVector(row.Embedding); err != nil {
			return err
		}
	}
	// Read again just before: a share toggled while the chunks were embedded counts.
	document, err := s.queries.GetDocumentByID(ctx, documentID)
	if errors.Is(err, sql.ErrNoRows) {
		return errLeaseLost
	}
	if err != nil {
		return err
	}
	if s.index != nil {
		if err := s.index.Add(ctx, DocInfo{ID: document.ID, OwnerID: document.OwnerID, Shared: document.Shared}, vectors); err != nil {
			return err
		}
	}
	return s.endJob(ctx, job, StatusReady, jobDone, "")
}

// endJob records the end of a job in the document (status ready or failed, with why) and
// in the job row, unless the job is no longer this worker's.
func (s *Service) endJob(ctx context.Context, job models.ClaimJobRow, documentStatus, jobStatus, message string) error {
	now := s.now()
	return database.WriteTx(ctx, s.db, func(tx *sql.Tx) error {
		queries := s.queries.WithTx(tx)
		err := queries.SetDocumentStatus(ctx, models.SetDocumentStatusParams{ID: job.DocumentID, Status: documentStatus, Error: message, Now: now})
		if err != nil {
			return err
		}
		ended, err := queries.EndJob(ctx, models.EndJobParams{ID: job.ID, Attempts: job.Attempts, Status: jobStatus, LastError: message, Now: now})
		if err == nil && ended == 0 {
			err = errLeaseLost
		}
		return err
	})
}
