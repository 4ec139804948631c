// The embedding model of the stored vectors (the row of rag_settings): vectors of two models
// cannot be compared, so once the model or its size changes, embedding and search refuse to
// go on until `go run . documents reindex` has embedded every document again.

package rag

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"myapp/internal/database"
	"myapp/internal/models"
)

// ModelChangedError: the stored vectors come from another model, or size, than the one
// configured.
type ModelChangedError struct {
	StoredModel, ConfiguredModel           string
	StoredDimensions, ConfiguredDimensions int
}

func (e *ModelChangedError) Error() string {
	return fmt.Sprintf("the documents were embedded with %s (%d dimensions) but EMBEDDING_MODEL is now %s (%d dimensions): "+
		"run `go run . documents reindex` to embed them again with the new model (or set the old one back)",
		e.StoredModel, e.StoredDimensions, e.ConfiguredModel, e.ConfiguredDimensions)
}

// CheckEmbeddingModel returns a *ModelChangedError when the stored vectors come from another
// model than the embedder's. The first call records the embedder's model.
func (s *Service) CheckEmbeddingModel(ctx context.Context) error {
	if s.embedder == nil {
		return errNoEmbedder
	}
	stored, err := s.queries.GetEmbeddingSettings(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		// The first vectors: record their model. If another instance just did, its row stays
		// and is read back below.
		err = s.queries.CreateEmbeddingSettings(ctx, models.CreateEmbeddingSettingsParams{
			EmbeddingModel: s.embedder.Model(), Dimensions: int64(s.embedder.Dimensions()), Now: s.now()})
		if err == nil {
			stored, err = s.queries.GetEmbeddingSettings(ctx)
		}
	}
	if err != nil {
		return err
	}
	if stored.EmbeddingModel != s.embedder.Model() || int(stored.Dimensions) != s.embedder.Dimensions() {
		return &ModelChangedError{StoredModel: stored.EmbeddingModel, StoredDimensions: int(stored.Dimensions),
			ConfiguredModel: s.embedder.Model(), ConfiguredDimensions: s.embedder.Dimensions()}
	}
	return nil
}

// Reindex forgets every vector and queues every document to be embedded again with the
// configured model, which it records. The workers (serve's, or ProcessPending) do the work.
func (s *Service) Reindex(ctx context.Context) error {
	if s.embedder == nil {
		return errNoEmbedder
	}
	// The index first: a job that ends meanwhile adds its document again, and is queued
	// again below, which replaces it.
	if s.index != nil {
		if err := s.index.Reset(ctx, s.embedder.Dimensions()); err != nil {
			return err
		}
	}
	now := s.now()
	// Documents, then jobs, then chunks: the order of the workers' transactions (jobs.go).
	// A worker busy with a document loses its job here, and stops at its next batch.
	return database.WriteTx(ctx, s.db, func(tx *sql.Tx) error {
		queries := s.queries.WithTx(tx)
		if err := queries.ResetAllDocuments(ctx, now); err != nil {
			return err
		}
		if err := queries.RequeueAllJobs(ctx, now); err != nil {
			return err
		}
		if err := queries.ClearEmbeddings(ctx); err != nil {
			return err
		}
		return queries.SaveEmbeddingSettings(ctx, models.SaveEmbeddingSettingsParams{
			EmbeddingModel: s.embedder.Model(), Dimensions: int64(s.embedder.Dimensions()), Now: now})
	})
}
