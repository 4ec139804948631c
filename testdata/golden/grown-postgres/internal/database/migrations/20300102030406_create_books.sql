-- The books table, made by `fastopp add model Book`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE books (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL,
    pages INTEGER NOT NULL,
    published BOOLEAN NOT NULL,
    author_id BIGINT NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    summary TEXT,
    price NUMERIC(12, 2),
    released DATE NOT NULL,
    rating DOUBLE PRECISION NOT NULL DEFAULT 2.5,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Each index ends with id, which lists sort by after the column, so that a sorted page is
-- read in the index's order even where many rows share a value (as rows added together
-- share created_at).
CREATE INDEX books_title ON books (title, id);
CREATE INDEX books_pages ON books (pages, id);
CREATE INDEX books_published ON books (published, id);
CREATE INDEX books_author_id ON books (author_id, id);
CREATE INDEX books_owner_id ON books (owner_id, id);
CREATE INDEX books_created_at ON books (created_at, id);

-- The admin's search indexes: a search box finds text inside words, ignoring case
-- (ILIKE '%term%'). A trigram index (pg_trgm, an extension that comes with PostgreSQL) serves
-- it without reading every row, for terms of three characters or more. The lock keeps two
-- apps migrating at once from both creating the extension (see migration 00003).
SELECT pg_advisory_xact_lock(hashtext('CREATE EXTENSION pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX books_title_trgm ON books USING gin (title public.gin_trgm_ops);
CREATE INDEX books_summary_trgm ON books USING gin (summary public.gin_trgm_ops);

-- Who may view, add, change and delete books in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('books', 'view'), ('books', 'add'), ('books', 'change'), ('books', 'delete');

-- +goose Down
DELETE FROM auth_permissions WHERE model = 'books';
DROP TABLE books;
