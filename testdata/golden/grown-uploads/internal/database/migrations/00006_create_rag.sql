-- The tables of internal/rag: the documents users add, the chunks they are cut into (with
-- each chunk's vector once embedded), the background jobs that embed them, and the embedding
-- model every stored vector comes from. The search indexes are built from these rows.

-- +goose Up
-- status follows the document's job: pending until every chunk is embedded, then ready (or
-- failed, with error saying why). upload_key names the stored original (internal/uploads);
-- pasted text has none. AUTOINCREMENT here and in rag_chunks: an id is never given again, so
-- the sources saved with chat answers and links to #chunk-{id} never point at someone else's text.
CREATE TABLE rag_documents (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    upload_key     TEXT NOT NULL DEFAULT '',
    shared         BOOLEAN NOT NULL DEFAULT FALSE,
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
    error          TEXT NOT NULL DEFAULT '',
    chunk_count    INTEGER NOT NULL DEFAULT 0,
    embedded_count INTEGER NOT NULL DEFAULT 0,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX rag_documents_owner ON rag_documents (owner_id);
CREATE INDEX rag_documents_shared ON rag_documents (shared);

-- A chunk is a piece of a document small enough to embed and to quote: position orders it in
-- its document, heading is where it sits ("Setup > Installing"). embedding holds float32s,
-- little-endian, NULL until the job embeds it: the one copy every search index is built from.
CREATE TABLE rag_chunks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES rag_documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    heading     TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    tokens      INTEGER NOT NULL,
    embedding   BLOB,
    UNIQUE (document_id, position)
);

-- Keyword search (BM25): an FTS5 index over the chunks' headings and text. It keeps no copy of
-- the text (content='rag_chunks'); the triggers below keep it in step with every change.
CREATE VIRTUAL TABLE rag_chunks_fts USING fts5(heading, text, content='rag_chunks', content_rowid='id');

-- +goose StatementBegin
CREATE TRIGGER rag_chunks_fts_insert AFTER INSERT ON rag_chunks BEGIN
    INSERT INTO rag_chunks_fts (rowid, heading, text) VALUES (new.id, new.heading, new.text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rag_chunks_fts_delete AFTER DELETE ON rag_chunks BEGIN
    INSERT INTO rag_chunks_fts (rag_chunks_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
END;
-- +goose StatementEnd
-- Only a change of the text touches the index: embedding a chunk updates its row, not its words.
-- +goose StatementBegin
CREATE TRIGGER rag_chunks_fts_update AFTER UPDATE OF heading, text ON rag_chunks BEGIN
    INSERT INTO rag_chunks_fts (rag_chunks_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
    INSERT INTO rag_chunks_fts (rowid, heading, text) VALUES (new.id, new.heading, new.text);
END;
-- +goose StatementEnd

-- One job per document: embedding runs in the background, never in a request. A worker takes
-- a due job (run_after has passed) and holds it until locked_until, so a crashed worker's job
-- is taken again after that; a failed attempt waits longer each time (run_after).
CREATE TABLE rag_jobs (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL UNIQUE REFERENCES rag_documents (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    run_after    DATETIME NOT NULL,
    locked_until DATETIME,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX rag_jobs_due ON rag_jobs (status, run_after);

-- The model and size of every stored vector (one row): vectors of two models cannot be
-- compared, so the app refuses to mix them and asks for `go run . documents reindex`.
CREATE TABLE rag_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    embedding_model TEXT NOT NULL,
    dimensions      INTEGER NOT NULL,
    updated_at      DATETIME NOT NULL
);

-- Staff may be allowed to see, share and delete documents in the admin, and to read chunks.
INSERT INTO auth_permissions (model, action) VALUES
    ('rag_documents', 'view'), ('rag_documents', 'change'), ('rag_documents', 'delete'),
    ('rag_chunks', 'view');

-- +goose Down
DELETE FROM auth_permissions WHERE model IN ('rag_documents', 'rag_chunks');
DROP TABLE rag_settings;
DROP TABLE rag_jobs;
DROP TRIGGER rag_chunks_fts_update;
DROP TRIGGER rag_chunks_fts_delete;
DROP TRIGGER rag_chunks_fts_insert;
DROP TABLE rag_chunks_fts;
DROP TABLE rag_chunks;
DROP TABLE rag_documents;
