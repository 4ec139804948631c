-- The queries of the categories table, made by `fastopp add model Category`. sqlc turns each
-- one into a Go method of models.Queries (internal/models); internal/services/categories.go
-- calls them.

-- name: GetCategory :one
SELECT * FROM categories
WHERE id = sqlc.arg(id);

-- name: GetCategoryForUpdate :one
-- GetCategory inside a write that replaces or deletes the category's files:
-- SQLite's write transactions already take turns (BEGIN IMMEDIATE), so it needs no lock of
-- its own (PostgreSQL's version of this query ends with FOR UPDATE).
SELECT * FROM categories
WHERE id = sqlc.arg(id);

-- name: ListCategories :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
SELECT categories.* FROM categories,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE params.term = ''
    OR categories.name LIKE '%' || params.term || '%'
ORDER BY
    CASE WHEN params.sort_by = 'name' THEN categories.name END ASC,
    CASE WHEN params.sort_by = '-name' THEN categories.name END DESC,
    CASE WHEN params.sort_by = 'parent_id' THEN categories.parent_id END ASC,
    CASE WHEN params.sort_by = '-parent_id' THEN categories.parent_id END DESC,
    CASE WHEN params.sort_by = 'meta' THEN categories.meta END ASC,
    CASE WHEN params.sort_by = '-meta' THEN categories.meta END DESC,
    CASE WHEN params.sort_by = 'code' THEN categories.code END ASC,
    CASE WHEN params.sort_by = '-code' THEN categories.code END DESC,
    CASE WHEN params.sort_by = 'cover' THEN categories.cover END ASC,
    CASE WHEN params.sort_by = '-cover' THEN categories.cover END DESC,
    CASE WHEN params.sort_by = 'manual' THEN categories.manual END ASC,
    CASE WHEN params.sort_by = '-manual' THEN categories.manual END DESC,
    CASE WHEN params.sort_by = 'starts_at' THEN categories.starts_at END ASC,
    CASE WHEN params.sort_by = '-starts_at' THEN categories.starts_at END DESC,
    CASE WHEN params.sort_by = 'views' THEN categories.views END ASC,
    CASE WHEN params.sort_by = '-views' THEN categories.views END DESC,
    CASE WHEN params.sort_by = 'day' THEN categories.day END ASC,
    CASE WHEN params.sort_by = '-day' THEN categories.day END DESC,
    CASE WHEN params.sort_by = 'featured' THEN categories.featured END ASC,
    CASE WHEN params.sort_by = '-featured' THEN categories.featured END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN categories.created_at END ASC,
    categories.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountCategories :one
-- How many rows ListCategories finds for the same search, for the page count.
SELECT COUNT(*) FROM categories,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
WHERE params.term = ''
    OR categories.name LIKE '%' || params.term || '%';

-- name: CreateCategory :one
INSERT INTO categories (name, parent_id, meta, code, cover, manual, starts_at, views, day, featured)
VALUES (sqlc.arg(name), sqlc.arg(parent_id), sqlc.arg(meta), sqlc.arg(code), sqlc.arg(cover), sqlc.arg(manual), sqlc.arg(starts_at), sqlc.arg(views), sqlc.arg(day), sqlc.arg(featured))
RETURNING *;

-- name: UpdateCategory :one
UPDATE categories
SET name = sqlc.arg(name),
    parent_id = sqlc.arg(parent_id),
    meta = sqlc.arg(meta),
    code = sqlc.arg(code),
    cover = sqlc.arg(cover),
    manual = sqlc.arg(manual),
    starts_at = sqlc.arg(starts_at),
    views = sqlc.arg(views),
    day = sqlc.arg(day),
    featured = sqlc.arg(featured),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteCategory :execrows
DELETE FROM categories
WHERE id = sqlc.arg(id);
