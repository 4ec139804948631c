-- The authors table, made by `fastopp add model Author`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    bio TEXT,
    type TEXT,
    func INTEGER,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX authors_type ON authors (type);
CREATE INDEX authors_func ON authors (func);
CREATE INDEX authors_created_at ON authors (created_at);

-- The admin's search index: FTS5 with the trigram tokenizer finds text inside words, ignoring
-- case, without reading every row. The triggers keep it in step with the table.
CREATE VIRTUAL TABLE authors_search USING fts5 (name, bio, type, content = 'authors', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER authors_search_insert AFTER INSERT ON authors BEGIN
    INSERT INTO authors_search (rowid, name, bio, type) VALUES (new.id, new.name, new.bio, new.type);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER authors_search_update AFTER UPDATE OF name, bio, type ON authors BEGIN
    INSERT INTO authors_search (authors_search, rowid, name, bio, type) VALUES ('delete', old.id, old.name, old.bio, old.type);
    INSERT INTO authors_search (rowid, name, bio, type) VALUES (new.id, new.name, new.bio, new.type);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER authors_search_delete AFTER DELETE ON authors BEGIN
    INSERT INTO authors_search (authors_search, rowid, name, bio, type) VALUES ('delete', old.id, old.name, old.bio, old.type);
END;
-- +goose StatementEnd

-- Who may view, add, change and delete authors in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('authors', 'view'), ('authors', 'add'), ('authors', 'change'), ('authors', 'delete');

-- +goose Down
DROP TABLE authors_search;
DELETE FROM auth_permissions WHERE model = 'authors';
DROP TABLE authors;
