-- The authors table, made by `fastopp add model Author`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE authors (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    bio TEXT,
    type TEXT,
    func INTEGER,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Each index ends with id, which lists sort by after the column, so that a sorted page is
-- read in the index's order even where many rows share a value (as rows added together
-- share created_at).
CREATE INDEX authors_type ON authors (type, id);
CREATE INDEX authors_func ON authors (func, id);
CREATE INDEX authors_created_at ON authors (created_at, id);

-- The admin's search indexes: a search box finds text inside words, ignoring case
-- (ILIKE '%term%'). A trigram index (pg_trgm, an extension that comes with PostgreSQL) serves
-- it without reading every row, for terms of three characters or more. The lock keeps two
-- apps migrating at once from both creating the extension (see migration 00003).
SELECT pg_advisory_xact_lock(hashtext('CREATE EXTENSION pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX authors_name_trgm ON authors USING gin (name public.gin_trgm_ops);
CREATE INDEX authors_bio_trgm ON authors USING gin (bio public.gin_trgm_ops);
CREATE INDEX authors_type_trgm ON authors USING gin (type public.gin_trgm_ops);

-- Who may view, add, change and delete authors in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('authors', 'view'), ('authors', 'add'), ('authors', 'change'), ('authors', 'delete');

-- +goose Down
DELETE FROM auth_permissions WHERE model = 'authors';
DROP TABLE authors;
