-- The tables of internal/rag: the documents users add, the chunks they are cut into (with
-- each chunk's vector once embedded), the background jobs that embed them, and the embedding
-- model every stored vector comes from. The search indexes are built from these rows; the
-- pgvector table (rag_vectors) is made at start, because its size comes from EMBEDDING_DIMENSIONS.

-- +goose Up
-- status follows the document's job: pending until every chunk is embedded, then ready (or
-- failed, with error saying why). upload_key names the stored original (internal/uploads);
-- pasted text has none.
CREATE TABLE rag_documents (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    upload_key     TEXT NOT NULL DEFAULT '',
    shared         BOOLEAN NOT NULL DEFAULT FALSE,
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
    error          TEXT NOT NULL DEFAULT '',
    chunk_count    BIGINT NOT NULL DEFAULT 0,
    embedded_count BIGINT NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX rag_documents_owner ON rag_documents (owner_id);
CREATE INDEX rag_documents_shared ON rag_documents (shared);

-- A chunk is a piece of a document small enough to embed and to quote: position orders it in
-- its document, heading is where it sits ("Setup > Installing"). embedding holds float32s,
-- little-endian, NULL until the job embeds it: the one copy every search index is built from.
-- search is the chunk's words for keyword search, kept by PostgreSQL itself; 'simple' neither
-- stems nor drops words, so it serves every language alike.
CREATE TABLE rag_chunks (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES rag_documents (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    heading     TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    tokens      BIGINT NOT NULL,
    embedding   BYTEA,
    search      tsvector GENERATED ALWAYS AS (to_tsvector('simple', heading || ' ' || text)) STORED,
    UNIQUE (document_id, position)
);
CREATE INDEX rag_chunks_search ON rag_chunks USING gin (search);

-- One job per document: embedding runs in the background, never in a request. A worker claims
-- a due job (run_after has passed) with FOR UPDATE SKIP LOCKED, so several app instances share
-- the work without doing a job twice, and holds it until locked_until, so a crashed worker's
-- job is taken again after that; a failed attempt waits longer each time (run_after).
CREATE TABLE rag_jobs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id  BIGINT NOT NULL UNIQUE REFERENCES rag_documents (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts     BIGINT NOT NULL DEFAULT 0,
    run_after    TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX rag_jobs_due ON rag_jobs (status, run_after);

-- The model and size of every stored vector (one row): vectors of two models cannot be
-- compared, so the app refuses to mix them and asks for `go run . documents reindex`.
CREATE TABLE rag_settings (
    id              BIGINT PRIMARY KEY CHECK (id = 1),
    embedding_model TEXT NOT NULL,
    dimensions      BIGINT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Staff may be allowed to see, share and delete documents in the admin, and to read chunks.
INSERT INTO auth_permissions (model, action) VALUES
    ('rag_documents', 'view'), ('rag_documents', 'change'), ('rag_documents', 'delete'),
    ('rag_chunks', 'view');

-- The admin's search indexes (trigram indexes, see migration 00003): its search boxes find
-- text inside titles and chunks without reading every row.
SELECT pg_advisory_xact_lock(hashtext('CREATE EXTENSION pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX rag_documents_title_trgm ON rag_documents USING gin (title public.gin_trgm_ops);
CREATE INDEX rag_chunks_heading_trgm ON rag_chunks USING gin (heading public.gin_trgm_ops);
CREATE INDEX rag_chunks_text_trgm ON rag_chunks USING gin (text public.gin_trgm_ops);

-- +goose Down
DELETE FROM auth_permissions WHERE model IN ('rag_documents', 'rag_chunks');
DROP TABLE rag_settings;
DROP TABLE rag_jobs;
DROP TABLE rag_chunks;
DROP TABLE rag_documents;
