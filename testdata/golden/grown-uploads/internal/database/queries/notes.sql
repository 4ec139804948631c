-- name: ListNotes :many
-- ListNotes returns at most limit notes, newest first (ids only ever grow).
SELECT id, body, created_at
FROM notes
ORDER BY id DESC
LIMIT ?;

-- name: CreateNote :one
-- CreateNote saves a note and returns it as stored, with its id and creation time.
INSERT INTO notes (body)
VALUES (?)
RETURNING id, body, created_at;

-- name: CountNotes :one
-- CountNotes returns how many notes there are in total.
SELECT COUNT(*) FROM notes;
