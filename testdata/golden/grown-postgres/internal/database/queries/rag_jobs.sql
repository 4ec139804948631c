-- Claiming an embedding job on PostgreSQL, where several app instances may run the jobs of
-- one database. FOR UPDATE SKIP LOCKED makes the inner SELECT lock the job it picks and pass
-- over jobs that another instance is claiming at that moment: each claim gets a different
-- job, with no waiting and no queue server, only the database the app already has.

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
    FOR UPDATE SKIP LOCKED
)
RETURNING id, document_id, attempts;
