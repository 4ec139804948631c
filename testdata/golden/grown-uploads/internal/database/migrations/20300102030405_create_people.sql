-- The people table, made by `fastopp add model Person`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    photo TEXT NOT NULL,
    cv TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX people_name ON people (name);
CREATE INDEX people_photo ON people (photo);
CREATE INDEX people_cv ON people (cv);
CREATE INDEX people_created_at ON people (created_at);

-- The admin's search index: FTS5 with the trigram tokenizer finds text inside words, ignoring
-- case, without reading every row. The triggers keep it in step with the table.
CREATE VIRTUAL TABLE people_search USING fts5 (name, content = 'people', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, name) VALUES (new.id, new.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_search_update AFTER UPDATE OF name ON people BEGIN
    INSERT INTO people_search (people_search, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO people_search (rowid, name) VALUES (new.id, new.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_search (people_search, rowid, name) VALUES ('delete', old.id, old.name);
END;
-- +goose StatementEnd

-- Who may view, add, change and delete people in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('people', 'view'), ('people', 'add'), ('people', 'change'), ('people', 'delete');

-- +goose Down
DROP TABLE people_search;
DELETE FROM auth_permissions WHERE model = 'people';
DROP TABLE people;
