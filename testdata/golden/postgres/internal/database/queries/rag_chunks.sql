-- name: CreateChunks :exec
-- CreateChunks saves the chunks of a new document in one statement: one round trip to the
-- database instead of one per chunk. chunks is a JSON array of {position, heading, text,
-- tokens}. (SQLite's twin, with json_each, is in the sqlite folder.)
INSERT INTO rag_chunks (document_id, position, heading, text, tokens)
SELECT sqlc.arg(document_id), c.position, c.heading, c.text, c.tokens
FROM json_to_recordset(CAST(sqlc.arg(chunks) AS TEXT)::json) AS c (position BIGINT, heading TEXT, text TEXT, tokens BIGINT);
