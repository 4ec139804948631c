-- The queries of the people table, made by `fastopp add model Person`. sqlc turns each
-- one into a Go method of models.Queries (internal/models); internal/services/people.go
-- calls them.

-- name: GetPerson :one
SELECT * FROM people
WHERE id = sqlc.arg(id);

-- name: GetPersonForUpdate :one
-- GetPerson inside a write that replaces or deletes the person's files:
-- SQLite's write transactions already take turns (BEGIN IMMEDIATE), so it needs no lock of
-- its own (PostgreSQL's version of this query ends with FOR UPDATE).
SELECT * FROM people
WHERE id = sqlc.arg(id);

-- name: ListPeople :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
SELECT people.* FROM people,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE params.term = ''
    OR people.name LIKE '%' || params.term || '%'
ORDER BY
    CASE WHEN params.sort_by = 'name' THEN people.name END ASC,
    CASE WHEN params.sort_by = '-name' THEN people.name END DESC,
    CASE WHEN params.sort_by = 'photo' THEN people.photo END ASC,
    CASE WHEN params.sort_by = '-photo' THEN people.photo END DESC,
    CASE WHEN params.sort_by = 'cv' THEN people.cv END ASC,
    CASE WHEN params.sort_by = '-cv' THEN people.cv END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN people.created_at END ASC,
    people.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountPeople :one
-- How many rows ListPeople finds for the same search, for the page count.
SELECT COUNT(*) FROM people,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
WHERE params.term = ''
    OR people.name LIKE '%' || params.term || '%';

-- name: CreatePerson :one
INSERT INTO people (name, photo, cv)
VALUES (sqlc.arg(name), sqlc.arg(photo), sqlc.arg(cv))
RETURNING *;

-- name: UpdatePerson :one
UPDATE people
SET name = sqlc.arg(name),
    photo = sqlc.arg(photo),
    cv = sqlc.arg(cv),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeletePerson :execrows
DELETE FROM people
WHERE id = sqlc.arg(id);
