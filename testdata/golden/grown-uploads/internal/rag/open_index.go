// The vector index of a SQLite app: the in-memory index (index.go), built at start from the
// vectors stored in rag_chunks.embedding.

package rag

import (
	"context"
	"time"
)

// OpenIndex builds the vector index from the stored vectors and gives it to the service, so
// that semantic search works. Without an embedder there is nothing to compare with: no index;
// an index already set (a test's) is kept.
func (s *Service) OpenIndex(ctx context.Context) error {
	if s.embedder == nil || s.index != nil { // nothing to compare with, or a test's own index
		return nil
	}
	start := time.Now()
	index, err := s.newMemoryIndex(ctx)
	if err != nil {
		return err
	}
	s.SetIndex(index)
	s.logger.Info("vector index ready", "kind", "memory", "chunks", index.Len(), "took", time.Since(start).Round(time.Millisecond))
	return nil
}
