// What happens when an embedding job fails: it waits and is tried again, each wait twice the
// last (exponential backoff), so a service that is down is not flooded; after a 429 it waits
// as long as the service asked; after maxAttempts failures, or one that trying again cannot
// mend (a refused key), the document is marked failed with the reason, for its page.

package rag

import (
	"context"
	"errors"
	"fmt"
	"time"

	"myapp/internal/models"
)

// maxBackoff caps the wait between two attempts.
const maxBackoff = time.Hour

// recordFailure decides what follows a failed attempt at job, and records it.
func (s *Service) recordFailure(ctx context.Context, job models.ClaimJobRow, err error) error {
	message := err.Error()
	var problem *EmbeddingError
	if errors.As(err, &problem) {
		message = problem.Message
	}
	var busy *RetryAfterError
	switch {
	case errors.As(err, &busy):
		// The service works but asks us to slow down: this attempt does not count.
		wait := busy.Wait
		if wait <= 0 {
			wait = s.jobs.busyWait
		}
		s.logger.Info("the embedding service is busy: the job waits", "document", job.DocumentID, "wait", wait)
		return s.retryJob(ctx, job, job.Attempts-1, s.now().Add(wait), message)
	case problem != nil && problem.Permanent:
		s.logger.Error("a document could not be embedded", "document", job.DocumentID, "error", err)
		return s.endJob(ctx, job, StatusFailed, jobFailed, message)
	case int(job.Attempts) >= s.jobs.maxAttempts:
		s.logger.Error("a document could not be embedded", "document", job.DocumentID, "attempts", job.Attempts, "error", err)
		message = fmt.Sprintf("Embedding failed %d times, the last time with: %s", job.Attempts, message)
		return s.endJob(ctx, job, StatusFailed, jobFailed, message)
	}
	wait := s.backoff(int(job.Attempts))
	s.logger.Warn("an embedding job failed: it will be tried again", "document", job.DocumentID,
		"attempt", job.Attempts, "wait", wait, "error", err)
	return s.retryJob(ctx, job, job.Attempts, s.now().Add(wait), message)
}

// backoff is the wait after the attempt-th failure: firstRetry, then twice as long each time.
func (s *Service) backoff(attempt int) time.Duration {
	wait := s.jobs.firstRetry
	for range attempt - 1 {
		if wait >= maxBackoff {
			break
		}
		wait *= 2
	}
	return min(wait, maxBackoff)
}

// retryJob puts job back as pending, due at runAfter, with its attempts set to attempts.
// Losing the job meanwhile is no error: whoever has it now goes on.
func (s *Service) retryJob(ctx context.Context, job models.ClaimJobRow, attempts int64, runAfter time.Time, message string) error {
	_, err := s.queries.RetryJob(ctx, models.RetryJobParams{ID: job.ID, Attempts: job.Attempts,
		NewAttempts: attempts, RunAfter: runAfter, LastError: message, Now: s.now()})
	return err
}
