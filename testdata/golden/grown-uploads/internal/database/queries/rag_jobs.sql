-- Claiming an embedding job on SQLite. One statement finds the oldest due job and takes it:
-- SQLite lets one writer in at a time, so two workers can never take the same job. (The
-- PostgreSQL version adds FOR UPDATE SKIP LOCKED, for several app instances at once.)

-- name: ClaimJob :one
-- ClaimJob takes the oldest due job (pending and due, or running on a lease that ran out),
-- holds it until locked_until and counts the attempt; sql.ErrNoRows: no job is due.
UPDATE rag_jobs
SET status = 'running', attempts = attempts + 1, locked_until = sqlc.arg(locked_until), updated_at = sqlc.arg(now)
WHERE id = (
    SELECT id FROM rag_jobs
    WHERE (status = 'pending' AND run_after <= sqlc.arg(now))
       OR (status = 'running' AND locked_until < sqlc.arg(now))
    ORDER BY run_after, id
    LIMIT 1
)
RETURNING id, document_id, attempts;
