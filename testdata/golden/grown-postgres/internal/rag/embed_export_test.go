// What the tests of package rag_test may reach inside rag for the embedders and the jobs. Go
// compiles this file, in package rag, for the tests alone, so the app never has these names.

package rag

import (
	"context"
	"time"

	"myapp/internal/models"
)

// SetEmbedTimeout makes e give up a request after timeout instead of a minute.
func SetEmbedTimeout(e *OpenAIEmbedder, timeout time.Duration) { e.client.Timeout = timeout }

// SetEmbedClock makes e read the time (to turn a Retry-After date into a wait) from now.
func SetEmbedClock(e *OpenAIEmbedder, now func() time.Time) { e.now = now }

// MaxBatch is the most texts an OpenAIEmbedder sends in one request.
const MaxBatch = maxBatch

// SetJobSleep makes the jobs of s wait through sleep: a test moves its clock there instead
// of waiting.
func SetJobSleep(s *Service, sleep func(ctx context.Context, d time.Duration) error) {
	s.jobs.sleep = sleep
}

// SetJobPoll makes an idle worker of s look for jobs every interval.
func SetJobPoll(s *Service, interval time.Duration) { s.jobs.pollInterval = interval }

// JobBatch, JobLease, MaxAttempts, FirstRetry and BusyWait are the job settings every Service
// starts with.
var (
	defaults    = defaultJobSettings()
	JobBatch    = defaults.batch
	JobLease    = defaults.lease
	MaxAttempts = defaults.maxAttempts
	FirstRetry  = defaults.firstRetry
	BusyWait    = defaults.busyWait
)

// ClaimAndCrash claims the next due job as a worker that crashes at once would: the job
// stays running, on a lease nobody renews. It returns the job's document.
func ClaimAndCrash(ctx context.Context, s *Service) (int64, error) {
	now := s.now()
	job, err := s.queries.ClaimJob(ctx, models.ClaimJobParams{Now: now, LockedUntil: s.leaseFrom(now)})
	return job.DocumentID, err
}
