-- The audit log of internal/admin: one row per create, update or delete made through the
-- admin, written in the same transaction as the change, so a change is never left unrecorded;
-- and the indexes behind the admin's search boxes.

-- +goose Up
-- changes holds JSON: {"column": {"old": ..., "new": ...}}. user_email is kept as it was, so
-- the entry still says who acted after that user is deleted.
CREATE TABLE admin_audit (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER,
    user_email     TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('add', 'change', 'delete')),
    model          TEXT NOT NULL,
    object_id      INTEGER NOT NULL,
    changes        TEXT NOT NULL,
    client_address TEXT NOT NULL,
    created_at     DATETIME NOT NULL
);
CREATE INDEX admin_audit_object ON admin_audit (model, object_id, created_at);
CREATE INDEX admin_audit_created_at ON admin_audit (created_at);

-- The list pages sort by these columns: an index lets a page of 50 skip the rest of the table.
CREATE INDEX notes_created_at ON notes (created_at);
CREATE INDEX notes_body ON notes (body);

-- Reading the audit log is a permission like any other; nobody may change it.
INSERT INTO auth_permissions (model, action) VALUES ('admin_audit', 'view');

-- The admin's search indexes (Table.SearchIndex): an FTS5 table per searchable table, over the
-- columns the admin searches. The trigram tokenizer indexes every three characters, so a
-- search finds text inside words too, ignoring case. content= makes the index keep no copy of
-- the text: it reads it from the table, and the triggers below keep it in step with the table.
CREATE VIRTUAL TABLE notes_search USING fts5 (body, content = 'notes', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE users_search USING fts5 (email, content = 'users', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE auth_groups_search USING fts5 (name, content = 'auth_groups', content_rowid = 'id', tokenize = 'trigram');

-- Index the rows that exist already.
INSERT INTO notes_search (notes_search) VALUES ('rebuild');
INSERT INTO users_search (users_search) VALUES ('rebuild');
INSERT INTO auth_groups_search (auth_groups_search) VALUES ('rebuild');

-- Each change to a table changes its index. An index forgets a row with a 'delete' row that
-- holds the old values; an UPDATE of the indexed columns forgets the old text and adds the new.
-- +goose StatementBegin
CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_search (rowid, body) VALUES (new.id, new.body);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER notes_search_update AFTER UPDATE OF body ON notes BEGIN
    INSERT INTO notes_search (notes_search, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO notes_search (rowid, body) VALUES (new.id, new.body);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_search (notes_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_search (rowid, email) VALUES (new.id, new.email);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_search_update AFTER UPDATE OF email ON users BEGIN
    INSERT INTO users_search (users_search, rowid, email) VALUES ('delete', old.id, old.email);
    INSERT INTO users_search (rowid, email) VALUES (new.id, new.email);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
    INSERT INTO users_search (users_search, rowid, email) VALUES ('delete', old.id, old.email);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER auth_groups_search_insert AFTER INSERT ON auth_groups BEGIN
    INSERT INTO auth_groups_search (rowid, name) VALUES (new.id, new.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_groups_search_update AFTER UPDATE OF name ON auth_groups BEGIN
    INSERT INTO auth_groups_search (auth_groups_search, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO auth_groups_search (rowid, name) VALUES (new.id, new.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_groups_search_delete AFTER DELETE ON auth_groups BEGIN
    INSERT INTO auth_groups_search (auth_groups_search, rowid, name) VALUES ('delete', old.id, old.name);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER auth_groups_search_delete;
DROP TRIGGER auth_groups_search_update;
DROP TRIGGER auth_groups_search_insert;
DROP TRIGGER users_search_delete;
DROP TRIGGER users_search_update;
DROP TRIGGER users_search_insert;
DROP TRIGGER notes_search_delete;
DROP TRIGGER notes_search_update;
DROP TRIGGER notes_search_insert;
DROP TABLE auth_groups_search;
DROP TABLE users_search;
DROP TABLE notes_search;
DELETE FROM auth_permissions WHERE model = 'admin_audit';
DROP INDEX notes_body;
DROP INDEX notes_created_at;
DROP TABLE admin_audit;
