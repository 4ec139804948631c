// Keeping the in-memory index in step with changes made by other processes: `go run .
// documents add` while the server runs, or another instance of the app on the same
// PostgreSQL without pgvector. Their jobs add vectors to the database, not to this
// process's memory; so, at most every syncEvery, a search reads the list of ready documents
// (a small table) and adds the ones changed lately and drops the ones gone. Changes made in
// this process reach the index at once; this only catches up with the others.

package rag

import (
	"context"
	"fmt"
	"time"
)

// syncEvery is how often the in-memory index looks for documents changed elsewhere.
const syncEvery = 5 * time.Second

// syncMargin is how far back a sync looks before the last change it saw: the processes'
// clocks (which write updated_at) may disagree by that much.
const syncMargin = time.Minute

// readyDocumentsSQL lists the documents whose vectors are all stored.
const readyDocumentsSQL = `SELECT id, owner_id, shared, updated_at FROM rag_documents WHERE status = 'ready'`

// syncIndex brings a MemoryIndex up to date with the database, if syncEvery has passed since
// its last sync. Another search already syncing is not waited for.
func (s *Service) syncIndex(ctx context.Context, index *MemoryIndex) error {
	if !index.sync.TryLock() {
		return nil
	}
	defer index.sync.Unlock()
	now := time.Now()
	if now.Sub(index.syncedAt) < syncEvery {
		return nil
	}
	index.syncedAt = now
	changed, gone, latest, err := s.changedDocuments(ctx, index)
	if err != nil {
		return fmt.Errorf("bring the vector index up to date: %w", err)
	}
	for _, id := range gone {
		if err := index.RemoveDocument(ctx, id); err != nil {
			return err
		}
	}
	for _, doc := range changed {
		vectors, err := s.documentVectors(ctx, doc.ID)
		if err != nil {
			return fmt.Errorf("bring the vector index up to date: %w", err)
		}
		if err := index.Add(ctx, doc, vectors); err != nil {
			return err
		}
	}
	index.seenUpdate = latest
	return nil
}

// changedDocuments returns the ready documents changed since the index's last sync (none on
// the first, right after it was filled), those the index holds that are no longer ready,
// and the latest change seen.
func (s *Service) changedDocuments(ctx context.Context, index *MemoryIndex) (changed []DocInfo, gone []int64, latest time.Time, err error) {
	rows, err := s.db.QueryContext(ctx, readyDocumentsSQL)
	if err != nil {
		return nil, nil, latest, err
	}
	defer rows.Close()
	ready := map[int64]bool{}
	latest = index.seenUpdate
	for rows.Next() {
		var doc DocInfo
		var updated time.Time
		if err := rows.Scan(&doc.ID, &doc.OwnerID, &doc.Shared, &updated); err != nil {
			return nil, nil, latest, err
		}
		ready[doc.ID] = true
		if !index.seenUpdate.IsZero() && !updated.Before(index.seenUpdate.Add(-syncMargin)) {
			changed = append(changed, doc)
		}
		if updated.After(latest) {
			latest = updated
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, latest, err
	}
	for _, id := range index.documentIDs() {
		if !ready[id] {
			gone = append(gone, id)
		}
	}
	return changed, gone, latest, nil
}

// documentVectorsSQL reads the stored vectors of one document's chunks.
const documentVectorsSQL = `SELECT id, embedding FROM rag_chunks WHERE document_id = $1 AND embedding IS NOT NULL`

// documentVectors reads the stored vectors of one document's chunks, by chunk id.
func (s *Service) documentVectors(ctx context.Context, documentID int64) (map[int64][]float32, error) {
	return s.readVectors(ctx, documentVectorsSQL, documentID)
}
