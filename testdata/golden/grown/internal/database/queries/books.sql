-- The queries of the books table, made by `fastopp add model Book`. sqlc turns each
-- one into a Go method of models.Queries (internal/models); internal/services/books.go
-- calls them.

-- name: GetBook :one
SELECT * FROM books
WHERE id = sqlc.arg(id);

-- name: ListBooks :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
-- A CASE loses the COLLATE of its column, so a decimal column names its collation again.
SELECT books.* FROM books,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE params.term = ''
    OR books.title LIKE '%' || params.term || '%'
    OR books.summary LIKE '%' || params.term || '%'
ORDER BY
    CASE WHEN params.sort_by = 'title' THEN books.title END ASC,
    CASE WHEN params.sort_by = '-title' THEN books.title END DESC,
    CASE WHEN params.sort_by = 'pages' THEN books.pages END ASC,
    CASE WHEN params.sort_by = '-pages' THEN books.pages END DESC,
    CASE WHEN params.sort_by = 'published' THEN books.published END ASC,
    CASE WHEN params.sort_by = '-published' THEN books.published END DESC,
    CASE WHEN params.sort_by = 'author_id' THEN books.author_id END ASC,
    CASE WHEN params.sort_by = '-author_id' THEN books.author_id END DESC,
    CASE WHEN params.sort_by = 'owner_id' THEN books.owner_id END ASC,
    CASE WHEN params.sort_by = '-owner_id' THEN books.owner_id END DESC,
    CASE WHEN params.sort_by = 'summary' THEN books.summary END ASC,
    CASE WHEN params.sort_by = '-summary' THEN books.summary END DESC,
    CASE WHEN params.sort_by = 'price' THEN books.price END COLLATE decimal ASC,
    CASE WHEN params.sort_by = '-price' THEN books.price END COLLATE decimal DESC,
    CASE WHEN params.sort_by = 'released' THEN books.released END ASC,
    CASE WHEN params.sort_by = '-released' THEN books.released END DESC,
    CASE WHEN params.sort_by = 'rating' THEN books.rating END ASC,
    CASE WHEN params.sort_by = '-rating' THEN books.rating END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN books.created_at END ASC,
    books.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountBooks :one
-- How many rows ListBooks finds for the same search, for the page count.
SELECT COUNT(*) FROM books,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
WHERE params.term = ''
    OR books.title LIKE '%' || params.term || '%'
    OR books.summary LIKE '%' || params.term || '%';

-- name: CreateBook :one
INSERT INTO books (title, pages, published, author_id, owner_id, summary, price, released, rating)
VALUES (sqlc.arg(title), sqlc.arg(pages), sqlc.arg(published), sqlc.arg(author_id), sqlc.arg(owner_id), sqlc.arg(summary), sqlc.arg(price), sqlc.arg(released), sqlc.arg(rating))
RETURNING *;

-- name: UpdateBook :one
UPDATE books
SET title = sqlc.arg(title),
    pages = sqlc.arg(pages),
    published = sqlc.arg(published),
    author_id = sqlc.arg(author_id),
    owner_id = sqlc.arg(owner_id),
    summary = sqlc.arg(summary),
    price = sqlc.arg(price),
    released = sqlc.arg(released),
    rating = sqlc.arg(rating),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteBook :execrows
DELETE FROM books
WHERE id = sqlc.arg(id);
