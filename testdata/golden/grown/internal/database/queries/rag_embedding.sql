-- The queries of the embedding jobs (internal/rag/jobs.go) that both engines share. A worker
-- that claimed a job (rag_jobs.sql, in the engine's folder) holds it while status is
-- 'running' and attempts is the number its claim gave: every write below checks both, so a
-- worker whose lease ran out and was taken over by another changes nothing any more.

-- name: HasDueJob :one
-- HasDueJob reports whether a job waits for a worker: pending and due, or running on a lease
-- that ran out (its worker crashed or was stopped).
SELECT EXISTS (
    SELECT 1 FROM rag_jobs
    WHERE (status = 'pending' AND run_after <= sqlc.arg(now))
       OR (status = 'running' AND locked_until < sqlc.arg(now))
) AS due;

-- name: NextPendingJob :one
-- NextPendingJob returns when the next pending job is due (sql.ErrNoRows: there is none).
SELECT run_after FROM rag_jobs WHERE status = 'pending' ORDER BY run_after LIMIT 1;

-- name: ListChunksToEmbed :many
-- ListChunksToEmbed returns the chunks of a document that have no vector yet, in order: a
-- job taken again after a crash or a failure goes on where the last one stopped.
SELECT id, text FROM rag_chunks
WHERE document_id = sqlc.arg(document_id) AND embedding IS NULL
ORDER BY position;

-- name: RenewJobLease :execrows
-- RenewJobLease extends the worker's hold on its job; 0 rows: the job is no longer its own.
UPDATE rag_jobs SET locked_until = sqlc.arg(locked_until), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND status = 'running' AND attempts = sqlc.arg(attempts);

-- name: SetChunkEmbedding :exec
-- SetChunkEmbedding stores a chunk's vector: float32s, little-endian.
UPDATE rag_chunks SET embedding = sqlc.arg(embedding) WHERE id = sqlc.arg(id);

-- name: SetDocumentProgress :exec
-- SetDocumentProgress records how many of a document's chunks are embedded, for its page.
UPDATE rag_documents SET embedded_count = sqlc.arg(embedded_count), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id);

-- name: ListDocumentVectors :many
-- ListDocumentVectors returns the vector of each embedded chunk of a document, for the index.
SELECT id, embedding FROM rag_chunks
WHERE document_id = sqlc.arg(document_id) AND embedding IS NOT NULL;

-- name: SetDocumentStatus :exec
-- SetDocumentStatus marks a document ready, or failed with the reason in error.
UPDATE rag_documents SET status = sqlc.arg(status), error = sqlc.arg(error), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id);

-- name: EndJob :execrows
-- EndJob closes a worker's job as done or failed; 0 rows: it was no longer the worker's.
UPDATE rag_jobs SET status = sqlc.arg(status), last_error = sqlc.arg(last_error), locked_until = NULL, updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND status = 'running' AND attempts = sqlc.arg(attempts);

-- name: RetryJob :execrows
-- RetryJob puts a worker's job back to be taken again after run_after. new_attempts is the
-- claim's count, or one less when the attempt should not count (the service asked to wait).
UPDATE rag_jobs
SET status = 'pending', attempts = sqlc.arg(new_attempts), run_after = sqlc.arg(run_after),
    locked_until = NULL, last_error = sqlc.arg(last_error), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id) AND status = 'running' AND attempts = sqlc.arg(attempts);

-- name: GetEmbeddingSettings :one
-- GetEmbeddingSettings returns the model and size of the stored vectors (sql.ErrNoRows: none yet).
SELECT embedding_model, dimensions FROM rag_settings WHERE id = 1;

-- name: CreateEmbeddingSettings :exec
-- CreateEmbeddingSettings records the model of the first vectors; if another instance was
-- first, its row stays (and the caller reads it back).
INSERT INTO rag_settings (id, embedding_model, dimensions, updated_at)
VALUES (1, sqlc.arg(embedding_model), sqlc.arg(dimensions), sqlc.arg(now))
ON CONFLICT (id) DO NOTHING;

-- name: SaveEmbeddingSettings :exec
-- SaveEmbeddingSettings records a new model and size, for a reindex.
INSERT INTO rag_settings (id, embedding_model, dimensions, updated_at)
VALUES (1, sqlc.arg(embedding_model), sqlc.arg(dimensions), sqlc.arg(now))
ON CONFLICT (id) DO UPDATE SET embedding_model = excluded.embedding_model,
    dimensions = excluded.dimensions, updated_at = excluded.updated_at;

-- name: ResetAllDocuments :exec
-- ResetAllDocuments makes every document pending again with nothing embedded, for a reindex.
UPDATE rag_documents SET status = 'pending', error = '', embedded_count = 0, updated_at = sqlc.arg(now);

-- name: RequeueAllJobs :exec
-- RequeueAllJobs makes every document's job pending and due, with its attempts counted anew.
-- A worker busy with one loses it: its claim's attempts no longer match.
UPDATE rag_jobs
SET status = 'pending', attempts = 0, run_after = sqlc.arg(now), locked_until = NULL, last_error = '',
    updated_at = sqlc.arg(now);

-- name: ClearEmbeddings :exec
-- ClearEmbeddings forgets every stored vector, for a reindex.
UPDATE rag_chunks SET embedding = NULL WHERE embedding IS NOT NULL;
