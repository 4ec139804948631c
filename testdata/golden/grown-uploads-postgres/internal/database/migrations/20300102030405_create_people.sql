-- The people table, made by `fastopp add model Person`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE people (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    photo TEXT NOT NULL,
    cv TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Each index ends with id, which lists sort by after the column, so that a sorted page is
-- read in the index's order even where many rows share a value (as rows added together
-- share created_at).
CREATE INDEX people_name ON people (name, id);
CREATE INDEX people_photo ON people (photo, id);
CREATE INDEX people_cv ON people (cv, id);
CREATE INDEX people_created_at ON people (created_at, id);

-- The admin's search indexes: a search box finds text inside words, ignoring case
-- (ILIKE '%term%'). A trigram index (pg_trgm, an extension that comes with PostgreSQL) serves
-- it without reading every row, for terms of three characters or more. The lock keeps two
-- apps migrating at once from both creating the extension (see migration 00003).
SELECT pg_advisory_xact_lock(hashtext('CREATE EXTENSION pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX people_name_trgm ON people USING gin (name public.gin_trgm_ops);

-- Who may view, add, change and delete people in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('people', 'view'), ('people', 'add'), ('people', 'change'), ('people', 'delete');

-- +goose Down
DELETE FROM auth_permissions WHERE model = 'people';
DROP TABLE people;
