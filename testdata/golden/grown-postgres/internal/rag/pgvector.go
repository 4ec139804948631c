// The vector index of a PostgreSQL app: pgvector, when the database has it. The vectors go
// in a table of their own, rag_vectors (chunk_id, embedding vector(N)), with an HNSW index
// for cosine distance, and PostgreSQL finds the nearest itself (the <=> operator). The table
// is made at start rather than in a migration because N is the embedding model's size.
// Without pgvector (a plain PostgreSQL, such as CI's), the app searches the same in-memory
// index as SQLite apps, and says so once in the log.

package rag

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pgvector/pgvector-go"

	"myapp/internal/database"
)

// hnswSearchWidth is pgvector's hnsw.ef_search for each search: how many candidates the HNSW
// graph walk keeps (pgvector's default is 40). pgvector_test.go measured recall@10 on 10,000
// random vectors at 0.94 to 0.97 with 100 (the graph differs from build to build), and 0.99
// with 200. Wider finds more of the true nearest, a little slower.
const hnswSearchWidth = 200

// OpenIndex makes the vector index and gives it to the service, so that semantic search
// works: pgvector when the database has it, filled with the stored vectors it lacks, else the
// in-memory index. Without an embedder there is nothing to compare with: no index; an index
// already set (a test's) is kept.
func (s *Service) OpenIndex(ctx context.Context) error {
	if s.embedder == nil || s.index != nil { // nothing to compare with, or a test's own index
		return nil
	}
	start := time.Now()
	index, err := openPgvector(ctx, s.db, s.embedder.Dimensions())
	if err != nil {
		s.logger.Info("pgvector is not available in this database, so vectors are searched in memory instead", "reason", err)
		memory, err := s.newMemoryIndex(ctx)
		if err != nil {
			return err
		}
		s.SetIndex(memory)
		s.logger.Info("vector index ready", "kind", "memory", "chunks", memory.Len(), "took", time.Since(start).Round(time.Millisecond))
		return nil
	}
	if err := s.fillIndex(ctx, index, missingVectorsSQL); err != nil {
		return err
	}
	s.SetIndex(index)
	s.logger.Info("vector index ready", "kind", "pgvector", "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// missingVectorsSQL lists, like embeddedChunksSQL, the embedded chunks of the next documents
// after $1 that rag_vectors lacks (all of them on the first start), for fillIndex.
const missingVectorsSQL = `SELECT c.id, c.document_id, d.owner_id, d.shared, c.embedding
FROM rag_chunks c
JOIN rag_documents d ON d.id = c.document_id
WHERE c.embedding IS NOT NULL AND c.document_id IN (
    SELECT DISTINCT m.document_id FROM rag_chunks m
    WHERE m.document_id > $1 AND m.embedding IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM rag_vectors v WHERE v.chunk_id = m.id)
    ORDER BY m.document_id LIMIT 100)
ORDER BY c.document_id, c.id`

// PgvectorIndex is an Index kept by PostgreSQL with pgvector. Who may search what is read
// from rag_documents at each search, so SetShared has nothing to do here.
type PgvectorIndex struct {
	db   *sql.DB
	dims int
}

// openPgvector creates the vector extension, rag_vectors and its HNSW index if they are
// missing, and makes rag_vectors anew when its vectors are of another size. It fails where
// pgvector is not installed. An advisory lock keeps two app instances starting at once from
// creating the same table twice.
func openPgvector(ctx context.Context, db *sql.DB, dims int) (*PgvectorIndex, error) {
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext('rag_vectors'))"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS vector"); err != nil {
			return err
		}
		var stored sql.NullInt64 // the size of rag_vectors.embedding, if the table exists
		err := tx.QueryRowContext(ctx, `SELECT (SELECT atttypmod FROM pg_attribute
			WHERE attrelid = to_regclass('rag_vectors') AND attname = 'embedding')`).Scan(&stored)
		if err != nil {
			return err
		}
		if stored.Valid && int(stored.Int64) != dims {
			if _, err := tx.ExecContext(ctx, "DROP TABLE rag_vectors"); err != nil {
				return err
			}
		}
		return createVectorTable(ctx, tx, dims)
	})
	if err != nil {
		return nil, err
	}
	return &PgvectorIndex{db: db, dims: dims}, nil
}

// createVectorTable creates rag_vectors for vectors of dims dimensions, and its HNSW index.
// dims is a number, so building the SQL from it is safe; a vector(N) size cannot be bound.
func createVectorTable(ctx context.Context, tx *sql.Tx, dims int) error {
	statements := []string{
		fmt.Sprintf(`CREATE TABLE IF NOT EXISTS rag_vectors (
			chunk_id  BIGINT PRIMARY KEY REFERENCES rag_chunks (id) ON DELETE CASCADE,
			embedding vector(%d) NOT NULL)`, dims),
		"CREATE INDEX IF NOT EXISTS rag_vectors_hnsw ON rag_vectors USING hnsw (embedding vector_cosine_ops)",
	}
	for _, statement := range statements {
		if _, err := tx.ExecContext(ctx, statement); err != nil {
			return err
		}
	}
	return nil
}

// Add puts (or replaces) the vectors of one document's chunks.
func (p *PgvectorIndex) Add(ctx context.Context, doc DocInfo, vectors map[int64][]float32) error {
	for id, v := range vectors {
		if len(v) != p.dims {
			return fmt.Errorf("chunk %d has a vector of %d dimensions, the index holds %d: run `go run . documents reindex`", id, len(v), p.dims)
		}
	}
	return database.WriteTx(ctx, p.db, func(tx *sql.Tx) error {
		if err := removeDocumentVectors(ctx, tx, doc.ID); err != nil {
			return err
		}
		for id, v := range vectors {
			_, err := tx.ExecContext(ctx, `INSERT INTO rag_vectors (chunk_id, embedding) VALUES ($1, $2)
				ON CONFLICT (chunk_id) DO UPDATE SET embedding = excluded.embedding`, id, pgvector.NewVector(v))
			if err != nil {
				return fmt.Errorf("store the vector of chunk %d: %w", id, err)
			}
		}
		return nil
	})
}

// RemoveDocument drops the vectors of a document's chunks. (Deleting the chunks drops them
// too: rag_vectors references rag_chunks ON DELETE CASCADE.)
func (p *PgvectorIndex) RemoveDocument(ctx context.Context, documentID int64) error {
	return database.WriteTx(ctx, p.db, func(tx *sql.Tx) error { return removeDocumentVectors(ctx, tx, documentID) })
}

func removeDocumentVectors(ctx context.Context, tx *sql.Tx, documentID int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM rag_vectors
		WHERE chunk_id IN (SELECT id FROM rag_chunks WHERE document_id = $1)`, documentID)
	return err
}

// SetShared has nothing to do: Nearest reads who may search a document from rag_documents.
func (p *PgvectorIndex) SetShared(context.Context, int64, bool) error { return nil }

// Reset drops every vector and makes rag_vectors hold vectors of the given dimensions.
func (p *PgvectorIndex) Reset(ctx context.Context, dimensions int) error {
	err := database.WriteTx(ctx, p.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS rag_vectors"); err != nil {
			return err
		}
		return createVectorTable(ctx, tx, dimensions)
	})
	if err == nil {
		p.dims = dimensions
	}
	return err
}

// nearestSQL walks the HNSW index from the query vector. Cosine distance (<=>) is 1 minus
// the cosine similarity. The documents viewer may not search are filtered out as the walk
// goes; iterative_scan (pgvector 0.8) makes it walk on until it has k that pass.
const nearestSQL = `SELECT v.chunk_id, 1 - (v.embedding <=> $1) AS score
FROM rag_vectors v
JOIN rag_chunks c ON c.id = v.chunk_id
JOIN rag_documents d ON d.id = c.document_id
WHERE d.owner_id = $2 OR d.shared
ORDER BY v.embedding <=> $1
LIMIT $3`

// Nearest returns the k chunks nearest query by cosine similarity among the documents viewer
// may search (their own and shared ones), best first.
func (p *PgvectorIndex) Nearest(ctx context.Context, viewer int64, query []float32, k int) ([]Match, error) {
	if k <= 0 {
		return nil, nil
	}
	if len(query) != p.dims {
		return nil, fmt.Errorf("the query has %d dimensions, the index holds %d: run `go run . documents reindex`", len(query), p.dims)
	}
	matches, err := p.nearest(ctx, viewer, query, k)
	if err != nil {
		return nil, fmt.Errorf("search the vectors: %w", err)
	}
	sortMatches(matches) // relaxed_order may return near neighbours slightly out of order
	return matches, nil
}

// nearest runs nearestSQL in a read-only transaction, so that SET LOCAL applies to this
// search alone.
func (p *PgvectorIndex) nearest(ctx context.Context, viewer int64, query []float32, k int) ([]Match, error) {
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() // after Commit, a no-op
	settings := []string{
		fmt.Sprintf("SET LOCAL hnsw.ef_search = %d", hnswSearchWidth),
		"SET LOCAL hnsw.iterative_scan = relaxed_order",
	}
	for _, setting := range settings {
		if _, err := tx.ExecContext(ctx, setting); err != nil {
			return nil, err
		}
	}
	rows, err := tx.QueryContext(ctx, nearestSQL, pgvector.NewVector(query), viewer, k)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var matches []Match
	for rows.Next() {
		var m Match
		if err := rows.Scan(&m.ChunkID, &m.Score); err != nil {
			return nil, err
		}
		matches = append(matches, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return matches, tx.Commit()
}
