-- The categories table, made by `fastopp add model Category`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE categories (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES categories (id) ON DELETE SET NULL,
    meta JSONB,
    code UUID,
    cover TEXT,
    manual TEXT,
    starts_at TIMESTAMPTZ,
    views BIGINT NOT NULL DEFAULT 0,
    day DATE,
    featured BOOLEAN,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Each index ends with id, which lists sort by after the column, so that a sorted page is
-- read in the index's order even where many rows share a value (as rows added together
-- share created_at).
CREATE INDEX categories_name ON categories (name, id);
CREATE INDEX categories_parent_id ON categories (parent_id, id);
CREATE INDEX categories_code ON categories (code, id);
CREATE INDEX categories_created_at ON categories (created_at, id);

-- The admin's search indexes: a search box finds text inside words, ignoring case
-- (ILIKE '%term%'). A trigram index (pg_trgm, an extension that comes with PostgreSQL) serves
-- it without reading every row, for terms of three characters or more. The lock keeps two
-- apps migrating at once from both creating the extension (see migration 00003).
SELECT pg_advisory_xact_lock(hashtext('CREATE EXTENSION pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX categories_name_trgm ON categories USING gin (name public.gin_trgm_ops);

-- Who may view, add, change and delete categories in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('categories', 'view'), ('categories', 'add'), ('categories', 'change'), ('categories', 'delete');

-- +goose Down
DELETE FROM auth_permissions WHERE model = 'categories';
DROP TABLE categories;
