-- The queries of the events table, made by `fastopp add model Event`. sqlc turns each
-- one into a Go method of models.Queries (internal/models); internal/services/events.go
-- calls them.

-- name: GetEvent :one
SELECT * FROM events
WHERE id = sqlc.arg(id);

-- name: ListEvents :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
SELECT events.* FROM events,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
-- events has no text to search in, so the term changes nothing.
WHERE params.term = params.term
ORDER BY
    CASE WHEN params.sort_by = 'at' THEN events.at END ASC,
    CASE WHEN params.sort_by = '-at' THEN events.at END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN events.created_at END ASC,
    events.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountEvents :one
-- How many rows ListEvents finds for the same search, for the page count.
SELECT COUNT(*) FROM events,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
-- events has no text to search in, so the term changes nothing.
WHERE params.term = params.term;

-- name: CreateEvent :one
INSERT INTO events (at)
VALUES (sqlc.arg(at))
RETURNING *;

-- name: UpdateEvent :one
UPDATE events
SET at = sqlc.arg(at),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteEvent :execrows
DELETE FROM events
WHERE id = sqlc.arg(id);
