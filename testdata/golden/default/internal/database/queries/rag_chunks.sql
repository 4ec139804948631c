-- name: CreateChunks :exec
-- CreateChunks saves the chunks of a new document in one statement: one round trip to the
-- database instead of one per chunk. chunks is a JSON array of {position, heading, text,
-- tokens}. (PostgreSQL's twin, with json_to_recordset, is in the postgres folder.)
INSERT INTO rag_chunks (document_id, position, heading, text, tokens)
SELECT sqlc.arg(document_id), json_extract(value, '$.position'), json_extract(value, '$.heading'),
       json_extract(value, '$.text'), json_extract(value, '$.tokens')
FROM json_each(CAST(sqlc.arg(chunks) AS TEXT));
