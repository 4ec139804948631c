-- The queries of internal/rag that both engines share: documents, their chunks and their jobs.
-- Who may see a document is decided here, in the WHERE clauses: its owner, and everyone once
-- it is shared. (The job worker's claiming and the keyword search differ per engine: see
-- rag_*.sql in the engine's folder.)

-- name: CreateDocument :one
-- CreateDocument saves a new document, pending until its chunks are embedded.
INSERT INTO rag_documents (owner_id, title, content_type, upload_key, shared, status, chunk_count, created_at, updated_at)
VALUES (sqlc.arg(owner_id), sqlc.arg(title), sqlc.arg(content_type), sqlc.arg(upload_key), sqlc.arg(shared),
        'pending', sqlc.arg(chunk_count), sqlc.arg(now), sqlc.arg(now))
RETURNING *;

-- name: GetDocument :one
-- GetDocument returns a document viewer may see (their own or a shared one), or sql.ErrNoRows:
-- also when it belongs to someone else and is not shared.
SELECT * FROM rag_documents
WHERE id = sqlc.arg(id) AND (owner_id = sqlc.arg(viewer) OR shared = TRUE);

-- name: GetDocumentByID :one
-- GetDocumentByID returns any document, whoever owns it: for the job worker, the admin and the
-- command line, never for a request on a user's behalf.
SELECT * FROM rag_documents WHERE id = sqlc.arg(id);

-- name: ListDocuments :many
-- ListDocuments returns the documents viewer may see, their own and the shared ones, newest first.
SELECT * FROM rag_documents
WHERE owner_id = sqlc.arg(viewer) OR shared = TRUE
ORDER BY created_at DESC, id DESC;

-- name: ListAllDocuments :many
-- ListAllDocuments returns every document, newest first, for `go run . documents list`.
SELECT * FROM rag_documents ORDER BY created_at DESC, id DESC;

-- name: SetDocumentShared :exec
-- SetDocumentShared lets every user search a document (or only its owner again).
UPDATE rag_documents SET shared = sqlc.arg(shared), updated_at = sqlc.arg(now) WHERE id = sqlc.arg(id);

-- name: DeleteDocument :one
-- DeleteDocument deletes a document with its chunks and job (ON DELETE CASCADE) and returns
-- the key of its stored original, which the caller deletes once the transaction commits.
DELETE FROM rag_documents WHERE id = sqlc.arg(id) RETURNING upload_key;

-- name: ListChunks :many
-- ListChunks returns a document's chunks in order, without their vectors.
SELECT id, document_id, position, heading, text, tokens FROM rag_chunks
WHERE document_id = sqlc.arg(document_id)
ORDER BY position;

-- name: CreateJob :exec
-- CreateJob queues the embedding of a document's chunks, due at once.
INSERT INTO rag_jobs (document_id, status, run_after, created_at, updated_at)
VALUES (sqlc.arg(document_id), 'pending', sqlc.arg(now), sqlc.arg(now), sqlc.arg(now));
