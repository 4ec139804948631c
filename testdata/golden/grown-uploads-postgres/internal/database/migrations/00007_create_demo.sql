-- The tables of the demo (the demo feature): products in categories for /demo/products, and
-- webinars with their registrants for /demo/webinars. Each is written as `fastopp add model`
-- writes a model (see internal/services/demo_*.go), with demo_ before its name so that your
-- own `fastopp add model Product` never clashes with it. `go run . demo load` fills them;
-- `go run . demo reset` empties what it loaded. Goose runs the Up part to apply it and the
-- Down part to undo it. Each index ends with id, which lists sort by after the column, so that
-- a sorted page is read in the index's order even where many rows share a value.

-- +goose Up
CREATE TABLE demo_categories (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX demo_categories_created_at ON demo_categories (created_at, id);

CREATE TABLE demo_products (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    category_id BIGINT NOT NULL REFERENCES demo_categories (id) ON DELETE CASCADE,
    price NUMERIC(12, 2) NOT NULL,
    stock INTEGER NOT NULL,
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX demo_products_name ON demo_products (name, id);
CREATE INDEX demo_products_category_id ON demo_products (category_id, id);
CREATE INDEX demo_products_price ON demo_products (price, id);
CREATE INDEX demo_products_stock ON demo_products (stock, id);
CREATE INDEX demo_products_created_at ON demo_products (created_at, id);

CREATE TABLE demo_webinars (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL,
    presenter TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX demo_webinars_title ON demo_webinars (title, id);
CREATE INDEX demo_webinars_presenter ON demo_webinars (presenter, id);
CREATE INDEX demo_webinars_starts_at ON demo_webinars (starts_at, id);
CREATE INDEX demo_webinars_created_at ON demo_webinars (created_at, id);

CREATE TABLE demo_registrants (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webinar_id BIGINT NOT NULL REFERENCES demo_webinars (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    company TEXT,
    notes TEXT,
    photo TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX demo_registrants_webinar_id ON demo_registrants (webinar_id, id);
CREATE INDEX demo_registrants_name ON demo_registrants (name, id);
CREATE INDEX demo_registrants_email ON demo_registrants (email, id);
CREATE INDEX demo_registrants_company ON demo_registrants (company, id);
CREATE INDEX demo_registrants_created_at ON demo_registrants (created_at, id);

-- Every row `go run . demo load` adds, by a key of its own (product:Laptop), so that loading
-- twice adds nothing twice, and `go run . demo reset` removes exactly these rows: a row you
-- add yourself, even in a demo table, is not listed here and stays.
CREATE TABLE demo_rows (
    demo_key   TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id     BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX demo_rows_table_name ON demo_rows (table_name, row_id);

-- The admin's search indexes: a search box finds text inside words, ignoring case
-- (ILIKE '%term%'). A trigram index (pg_trgm, an extension that comes with PostgreSQL) serves
-- it without reading every row, for terms of three characters or more. The lock keeps two
-- apps migrating at once from both creating the extension (see migration 00003).
SELECT pg_advisory_xact_lock(hashtext('CREATE EXTENSION pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX demo_categories_name_trgm ON demo_categories USING gin (name public.gin_trgm_ops);
CREATE INDEX demo_products_name_trgm ON demo_products USING gin (name public.gin_trgm_ops);
CREATE INDEX demo_products_description_trgm ON demo_products USING gin (description public.gin_trgm_ops);
CREATE INDEX demo_webinars_title_trgm ON demo_webinars USING gin (title public.gin_trgm_ops);
CREATE INDEX demo_webinars_presenter_trgm ON demo_webinars USING gin (presenter public.gin_trgm_ops);
CREATE INDEX demo_webinars_description_trgm ON demo_webinars USING gin (description public.gin_trgm_ops);
CREATE INDEX demo_registrants_name_trgm ON demo_registrants USING gin (name public.gin_trgm_ops);
CREATE INDEX demo_registrants_email_trgm ON demo_registrants USING gin (email public.gin_trgm_ops);
CREATE INDEX demo_registrants_company_trgm ON demo_registrants USING gin (company public.gin_trgm_ops);
CREATE INDEX demo_registrants_notes_trgm ON demo_registrants USING gin (notes public.gin_trgm_ops);

-- Who may view, add, change and delete the demo's tables in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('demo_categories', 'view'), ('demo_categories', 'add'), ('demo_categories', 'change'), ('demo_categories', 'delete');
INSERT INTO auth_permissions (model, action) VALUES
    ('demo_products', 'view'), ('demo_products', 'add'), ('demo_products', 'change'), ('demo_products', 'delete');
INSERT INTO auth_permissions (model, action) VALUES
    ('demo_webinars', 'view'), ('demo_webinars', 'add'), ('demo_webinars', 'change'), ('demo_webinars', 'delete');
INSERT INTO auth_permissions (model, action) VALUES
    ('demo_registrants', 'view'), ('demo_registrants', 'add'), ('demo_registrants', 'change'), ('demo_registrants', 'delete');

-- FastOpp's rule for webinar registrants: superusers, and the marketing and sales groups, may
-- see and change them. `go run . demo load` adds sample users to these groups.
INSERT INTO auth_groups (name) VALUES ('marketing'), ('sales') ON CONFLICT (name) DO NOTHING;
INSERT INTO auth_group_permissions (group_id, permission_id)
SELECT auth_groups.id, auth_permissions.id FROM auth_groups, auth_permissions
WHERE auth_groups.name IN ('marketing', 'sales')
    AND auth_permissions.model = 'demo_registrants' AND auth_permissions.action IN ('view', 'change');

-- +goose Down
DELETE FROM auth_groups WHERE name IN ('marketing', 'sales');
DELETE FROM auth_permissions WHERE model IN ('demo_categories', 'demo_products', 'demo_webinars', 'demo_registrants');
DROP TABLE demo_rows;
DROP TABLE demo_registrants;
DROP TABLE demo_webinars;
DROP TABLE demo_products;
DROP TABLE demo_categories;
