-- The queries of the receipts table, made by `fastopp add model Receipt`. sqlc turns each
-- one into a Go method of models.Queries (internal/models); internal/services/receipts.go
-- calls them.

-- name: GetReceipt :one
SELECT * FROM receipts
WHERE id = sqlc.arg(id);

-- name: GetReceiptForUpdate :one
-- GetReceipt inside a write that replaces or deletes the receipt's files:
-- SQLite's write transactions already take turns (BEGIN IMMEDIATE), so it needs no lock of
-- its own (PostgreSQL's version of this query ends with FOR UPDATE).
SELECT * FROM receipts
WHERE id = sqlc.arg(id);

-- name: ListReceipts :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
-- A CASE loses the COLLATE of its column, so a decimal column names its collation again.
SELECT receipts.* FROM receipts,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
-- receipts has no text to search in, so the term changes nothing.
WHERE params.term = params.term
ORDER BY
    CASE WHEN params.sort_by = 'total' THEN receipts.total END COLLATE decimal ASC,
    CASE WHEN params.sort_by = '-total' THEN receipts.total END COLLATE decimal DESC,
    CASE WHEN params.sort_by = 'scan' THEN receipts.scan END ASC,
    CASE WHEN params.sort_by = '-scan' THEN receipts.scan END DESC,
    CASE WHEN params.sort_by = 'paid' THEN receipts.paid END ASC,
    CASE WHEN params.sort_by = '-paid' THEN receipts.paid END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN receipts.created_at END ASC,
    receipts.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountReceipts :one
-- How many rows ListReceipts finds for the same search, for the page count.
SELECT COUNT(*) FROM receipts,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
-- receipts has no text to search in, so the term changes nothing.
WHERE params.term = params.term;

-- name: CreateReceipt :one
INSERT INTO receipts (total, scan, paid)
VALUES (sqlc.arg(total), sqlc.arg(scan), sqlc.arg(paid))
RETURNING *;

-- name: UpdateReceipt :one
UPDATE receipts
SET total = sqlc.arg(total),
    scan = sqlc.arg(scan),
    paid = sqlc.arg(paid),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteReceipt :execrows
DELETE FROM receipts
WHERE id = sqlc.arg(id);
