-- name: CreateUpload :exec
-- CreateUpload records a stored file (internal/uploads, Change.Record).
INSERT INTO uploads (object_key, thumbnail_key, name, content_type, size, width, height, owner_table)
VALUES (sqlc.arg(object_key), sqlc.arg(thumbnail_key), sqlc.arg(name), sqlc.arg(content_type),
        sqlc.arg(size), sqlc.arg(width), sqlc.arg(height), sqlc.arg(owner_table));

-- name: GetUpload :one
-- GetUpload finds the file whose key or thumbnail key is key.
SELECT object_key, thumbnail_key, name, content_type, size, width, height, owner_table, created_at
FROM uploads
WHERE object_key = sqlc.arg(object_key) OR thumbnail_key = sqlc.arg(object_key)
LIMIT 1;

-- name: DeleteUpload :one
-- DeleteUpload forgets a file and returns its thumbnail's key, so both objects can go.
DELETE FROM uploads
WHERE object_key = sqlc.arg(object_key)
RETURNING thumbnail_key;

-- name: ListUploads :many
-- ListUploads returns every recorded file, for `go run . uploads clean`.
SELECT object_key, thumbnail_key, name, content_type, size, width, height, owner_table, created_at
FROM uploads
ORDER BY object_key;
