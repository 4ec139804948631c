-- The tables of the demo (the demo feature): products in categories for /demo/products, and
-- webinars with their registrants for /demo/webinars. Each is written as `fastopp add model`
-- writes a model (see internal/services/demo_*.go), with demo_ before its name so that your
-- own `fastopp add model Product` never clashes with it. `go run . demo load` fills them;
-- `go run . demo reset` empties what it loaded. Goose runs the Up part to apply it and the
-- Down part to undo it.

-- +goose Up
CREATE TABLE demo_categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX demo_categories_created_at ON demo_categories (created_at);

CREATE TABLE demo_products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category_id INTEGER NOT NULL REFERENCES demo_categories (id) ON DELETE CASCADE,
    price TEXT COLLATE decimal NOT NULL,
    stock INTEGER NOT NULL,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX demo_products_name ON demo_products (name);
CREATE INDEX demo_products_category_id ON demo_products (category_id);
CREATE INDEX demo_products_price ON demo_products (price);
CREATE INDEX demo_products_stock ON demo_products (stock);
CREATE INDEX demo_products_created_at ON demo_products (created_at);

CREATE TABLE demo_webinars (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    presenter TEXT NOT NULL,
    starts_at DATETIME NOT NULL,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX demo_webinars_title ON demo_webinars (title);
CREATE INDEX demo_webinars_presenter ON demo_webinars (presenter);
CREATE INDEX demo_webinars_starts_at ON demo_webinars (starts_at);
CREATE INDEX demo_webinars_created_at ON demo_webinars (created_at);

CREATE TABLE demo_registrants (
    id INTEGER PRIMARY KEY,
    webinar_id INTEGER NOT NULL REFERENCES demo_webinars (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    company TEXT,
    notes TEXT,
    photo TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX demo_registrants_webinar_id ON demo_registrants (webinar_id);
CREATE INDEX demo_registrants_name ON demo_registrants (name);
CREATE INDEX demo_registrants_email ON demo_registrants (email);
CREATE INDEX demo_registrants_company ON demo_registrants (company);
CREATE INDEX demo_registrants_created_at ON demo_registrants (created_at);

-- Every row `go run . demo load` adds, by a key of its own (product:Laptop), so that loading
-- twice adds nothing twice, and `go run . demo reset` removes exactly these rows: a row you
-- add yourself, even in a demo table, is not listed here and stays.
CREATE TABLE demo_rows (
    demo_key   TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id     BIGINT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX demo_rows_table_name ON demo_rows (table_name, row_id);

-- The admin's search indexes: FTS5 with the trigram tokenizer finds text inside words, ignoring
-- case, without reading every row. Triggers keep each in step with the table.
CREATE VIRTUAL TABLE demo_categories_search USING fts5 (name, content = 'demo_categories', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER demo_categories_search_insert AFTER INSERT ON demo_categories BEGIN
    INSERT INTO demo_categories_search (rowid, name) VALUES (new.id, new.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER demo_categories_search_update AFTER UPDATE OF name ON demo_categories BEGIN
    INSERT INTO demo_categories_search (demo_categories_search, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO demo_categories_search (rowid, name) VALUES (new.id, new.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER demo_categories_search_delete AFTER DELETE ON demo_categories BEGIN
    INSERT INTO demo_categories_search (demo_categories_search, rowid, name) VALUES ('delete', old.id, old.name);
END;
-- +goose StatementEnd
CREATE VIRTUAL TABLE demo_products_search USING fts5 (name, description, content = 'demo_products', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER demo_products_search_insert AFTER INSERT ON demo_products BEGIN
    INSERT INTO demo_products_search (rowid, name, description) VALUES (new.id, new.name, new.description);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER demo_products_search_update AFTER UPDATE OF name, description ON demo_products BEGIN
    INSERT INTO demo_products_search (demo_products_search, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
    INSERT INTO demo_products_search (rowid, name, description) VALUES (new.id, new.name, new.description);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER demo_products_search_delete AFTER DELETE ON demo_products BEGIN
    INSERT INTO demo_products_search (demo_products_search, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
END;
-- +goose StatementEnd
CREATE VIRTUAL TABLE demo_webinars_search USING fts5 (title, presenter, description, content = 'demo_webinars', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER demo_webinars_search_insert AFTER INSERT ON demo_webinars BEGIN
    INSERT INTO demo_webinars_search (rowid, title, presenter, description) VALUES (new.id, new.title, new.presenter, new.description);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER demo_webinars_search_update AFTER UPDATE OF title, presenter, description ON demo_webinars BEGIN
    INSERT INTO demo_webinars_search (demo_webinars_search, rowid, title, presenter, description) VALUES ('delete', old.id, old.title, old.presenter, old.description);
    INSERT INTO demo_webinars_search (rowid, title, presenter, description) VALUES (new.id, new.title, new.presenter, new.description);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER demo_webinars_search_delete AFTER DELETE ON demo_webinars BEGIN
    INSERT INTO demo_webinars_search (demo_webinars_search, rowid, title, presenter, description) VALUES ('delete', old.id, old.title, old.presenter, old.description);
END;
-- +goose StatementEnd
CREATE VIRTUAL TABLE demo_registrants_search USING fts5 (name, email, company, notes, content = 'demo_registrants', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER demo_registrants_search_insert AFTER INSERT ON demo_registrants BEGIN
    INSERT INTO demo_registrants_search (rowid, name, email, company, notes) VALUES (new.id, new.name, new.email, new.company, new.notes);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER demo_registrants_search_update AFTER UPDATE OF name, email, company, notes ON demo_registrants BEGIN
    INSERT INTO demo_registrants_search (demo_registrants_search, rowid, name, email, company, notes) VALUES ('delete', old.id, old.name, old.email, old.company, old.notes);
    INSERT INTO demo_registrants_search (rowid, name, email, company, notes) VALUES (new.id, new.name, new.email, new.company, new.notes);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER demo_registrants_search_delete AFTER DELETE ON demo_registrants BEGIN
    INSERT INTO demo_registrants_search (demo_registrants_search, rowid, name, email, company, notes) VALUES ('delete', old.id, old.name, old.email, old.company, old.notes);
END;
-- +goose StatementEnd

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
DROP TABLE demo_registrants_search;
DROP TABLE demo_webinars_search;
DROP TABLE demo_products_search;
DROP TABLE demo_categories_search;
DROP TABLE demo_rows;
DROP TABLE demo_registrants;
DROP TABLE demo_webinars;
DROP TABLE demo_products;
DROP TABLE demo_categories;
