-- The categories table, made by `fastopp add model Category`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    meta TEXT,
    code TEXT,
    cover TEXT,
    manual TEXT,
    starts_at DATETIME,
    views INTEGER NOT NULL DEFAULT 0,
    day DATE,
    featured BOOLEAN,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX categories_name ON categories (name);
CREATE INDEX categories_parent_id ON categories (parent_id);
CREATE INDEX categories_code ON categories (code);
CREATE INDEX categories_created_at ON categories (created_at);

-- The admin's search index: FTS5 with the trigram tokenizer finds text inside words, ignoring
-- case, without reading every row. The triggers keep it in step with the table.
CREATE VIRTUAL TABLE categories_search USING fts5 (name, content = 'categories', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER categories_search_insert AFTER INSERT ON categories BEGIN
    INSERT INTO categories_search (rowid, name) VALUES (new.id, new.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER categories_search_update AFTER UPDATE OF name ON categories BEGIN
    INSERT INTO categories_search (categories_search, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO categories_search (rowid, name) VALUES (new.id, new.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER categories_search_delete AFTER DELETE ON categories BEGIN
    INSERT INTO categories_search (categories_search, rowid, name) VALUES ('delete', old.id, old.name);
END;
-- +goose StatementEnd

-- Who may view, add, change and delete categories in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('categories', 'view'), ('categories', 'add'), ('categories', 'change'), ('categories', 'delete');

-- +goose Down
DROP TABLE categories_search;
DELETE FROM auth_permissions WHERE model = 'categories';
DROP TABLE categories;
