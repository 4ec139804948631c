// Waiting for documents to be embedded, for the command line: `go run . documents add` shows
// each document's progress until it is ready, running the jobs itself meanwhile.

package rag

import (
	"context"
	"database/sql"
	"errors"
)

// WaitForDocuments runs the pending jobs (ProcessPending) until each of the documents ids is
// ready or failed, and calls report with a document each time its progress or status
// changes. A job that another instance (a running serve) holds is waited for too.
func (s *Service) WaitForDocuments(ctx context.Context, ids []int64, report func(Document)) error {
	// Where each document stands at the start is reported first, before any work.
	seen := map[int64]Document{}
	finished, err := s.reportProgress(ctx, ids, seen, report)
	if err != nil || finished {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	worked := make(chan error, 1)
	go func() { worked <- s.ProcessPending(ctx) }()
	defer func() {
		cancel()
		if worked != nil {
			<-worked // the job in hand is put back before the caller closes the database
		}
	}()

	for {
		select {
		case err := <-worked:
			worked = nil // the jobs left are another instance's: go on watching them
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		default:
			if err := s.jobs.sleep(ctx, s.jobs.pollInterval); err != nil {
				return err
			}
		}
		if finished, err = s.reportProgress(ctx, ids, seen, report); err != nil || finished {
			return err
		}
	}
}

// reportProgress reports each document of ids whose progress changed since seen, and
// whether all of them are ready or failed (a deleted one is done with).
func (s *Service) reportProgress(ctx context.Context, ids []int64, seen map[int64]Document, report func(Document)) (bool, error) {
	finished := true
	for _, id := range ids {
		row, err := s.queries.GetDocumentByID(ctx, id)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return false, err
		}
		document := newDocument(row)
		if last, found := seen[id]; !found || last.Status != document.Status || last.EmbeddedCount != document.EmbeddedCount {
			report(document)
			seen[id] = document
		}
		if document.Status == StatusPending {
			finished = false
		}
	}
	return finished, nil
}
