// Filling an index from the database at start, and reading exact vectors back for the
// in-memory index's last pass. rag_chunks.embedding is the source of truth: every index is
// built from it, so it can always be thrown away and built again.

package rag

import (
	"context"
	"fmt"
)

// embeddedChunksSQL lists the embedded chunks of the next documents after $1 (by id), with
// each document's owner and share flag. A batch of documents at a time: 100,000 vectors of
// 768 dimensions are 300 MB as floats, more than one list should hold; and the rows are
// closed before the index is written to, which on PostgreSQL may need a connection too.
const embeddedChunksSQL = `SELECT c.id, c.document_id, d.owner_id, d.shared, c.embedding
FROM rag_chunks c
JOIN rag_documents d ON d.id = c.document_id
WHERE c.embedding IS NOT NULL AND c.document_id IN (
    SELECT DISTINCT m.document_id FROM rag_chunks m
    WHERE m.document_id > $1 AND m.embedding IS NOT NULL
    ORDER BY m.document_id LIMIT 100)
ORDER BY c.document_id, c.id`

// newMemoryIndex returns an in-memory index of vectors of the embedder's size, filled with
// every stored vector.
func (s *Service) newMemoryIndex(ctx context.Context) (*MemoryIndex, error) {
	index := NewMemoryIndex(s.embedder.Dimensions(), s.chunkVectors)
	if err := s.fillIndex(ctx, index, embeddedChunksSQL); err != nil {
		return nil, err
	}
	// The first sync notes the latest change, so that later ones catch up from there.
	if err := s.syncIndex(ctx, index); err != nil {
		return nil, err
	}
	return index, nil
}

// storedDocument is one document's stored vectors, as fillIndex reads them.
type storedDocument struct {
	info    DocInfo
	vectors map[int64][]float32
}

// fillIndex adds the vectors that query lists (embeddedChunksSQL's columns and argument) to
// index, a batch of documents at a time. Vectors of another size than the embedder's (a
// model changed without a reindex) are left out, with one warning.
func (s *Service) fillIndex(ctx context.Context, index Index, query string) error {
	after, skipped := int64(0), 0
	for {
		batch, wrongSize, err := s.storedVectors(ctx, query, after)
		if err != nil {
			return fmt.Errorf("read the stored vectors: %w", err)
		}
		skipped += wrongSize
		if len(batch) == 0 {
			break
		}
		for _, doc := range batch {
			if err := index.Add(ctx, doc.info, doc.vectors); err != nil {
				return err
			}
			after = doc.info.ID
		}
	}
	if skipped > 0 {
		s.logger.Warn("some stored vectors are not of the embedding model's size and are not searched: run `go run . documents reindex`",
			"chunks", skipped, "dimensions", s.embedder.Dimensions())
	}
	return nil
}

// storedVectors reads the vectors of the next batch of documents after document id after,
// and counts those of the wrong size.
func (s *Service) storedVectors(ctx context.Context, query string, after int64) ([]storedDocument, int, error) {
	rows, err := s.db.QueryContext(ctx, query, after)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var batch []storedDocument
	wrongSize := 0
	for rows.Next() {
		var chunkID int64
		var info DocInfo
		var blob []byte
		if err := rows.Scan(&chunkID, &info.ID, &info.OwnerID, &info.Shared, &blob); err != nil {
			return nil, 0, err
		}
		if len(batch) == 0 || batch[len(batch)-1].info.ID != info.ID {
			batch = append(batch, storedDocument{info: info, vectors: map[int64][]float32{}})
		}
		vector, err := decodeVector(blob)
		if err != nil || len(vector) != s.embedder.Dimensions() {
			wrongSize++
			continue
		}
		batch[len(batch)-1].vectors[chunkID] = vector
	}
	return batch, wrongSize, rows.Err()
}

// chunkVectors reads the stored vectors of chunks by id: the VectorLoader of the in-memory
// index. A chunk deleted meanwhile is missing from the map.
func (s *Service) chunkVectors(ctx context.Context, ids []int64) (map[int64][]float32, error) {
	return s.readVectors(ctx, vectorsSQL, idList(ids))
}

// readVectors runs query, which lists chunk ids and their stored vectors, and decodes them.
func (s *Service) readVectors(ctx context.Context, query string, args ...any) (map[int64][]float32, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	vectors := map[int64][]float32{}
	for rows.Next() {
		var id int64
		var blob []byte
		if err := rows.Scan(&id, &blob); err != nil {
			return nil, err
		}
		if vectors[id], err = decodeVector(blob); err != nil {
			return nil, err
		}
	}
	return vectors, rows.Err()
}

// The in-memory index is an Index: the compiler checks it here.
var _ Index = (*MemoryIndex)(nil)
