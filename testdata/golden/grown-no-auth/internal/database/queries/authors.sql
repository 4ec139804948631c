-- The queries of the authors table, made by `fastopp add model Author`. sqlc turns each
-- one into a Go method of models.Queries (internal/models); internal/services/authors.go
-- calls them.

-- name: GetAuthor :one
SELECT * FROM authors
WHERE id = sqlc.arg(id);

-- name: ListAuthors :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
SELECT authors.* FROM authors,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE params.term = ''
    OR authors.name LIKE '%' || params.term || '%'
ORDER BY
    CASE WHEN params.sort_by = 'name' THEN authors.name END ASC,
    CASE WHEN params.sort_by = '-name' THEN authors.name END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN authors.created_at END ASC,
    authors.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountAuthors :one
-- How many rows ListAuthors finds for the same search, for the page count.
SELECT COUNT(*) FROM authors,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
WHERE params.term = ''
    OR authors.name LIKE '%' || params.term || '%';

-- name: CreateAuthor :one
INSERT INTO authors (name)
VALUES (sqlc.arg(name))
RETURNING *;

-- name: UpdateAuthor :one
UPDATE authors
SET name = sqlc.arg(name),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteAuthor :execrows
DELETE FROM authors
WHERE id = sqlc.arg(id);
