-- The books table, made by `fastopp add model Book`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    pages INTEGER NOT NULL,
    published BOOLEAN NOT NULL,
    author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    summary TEXT,
    price TEXT COLLATE decimal,
    released DATE NOT NULL,
    rating REAL NOT NULL DEFAULT 2.5,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX books_title ON books (title);
CREATE INDEX books_pages ON books (pages);
CREATE INDEX books_published ON books (published);
CREATE INDEX books_author_id ON books (author_id);
CREATE INDEX books_owner_id ON books (owner_id);
CREATE INDEX books_created_at ON books (created_at);

-- The admin's search index: FTS5 with the trigram tokenizer finds text inside words, ignoring
-- case, without reading every row. The triggers keep it in step with the table.
CREATE VIRTUAL TABLE books_search USING fts5 (title, summary, content = 'books', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER books_search_insert AFTER INSERT ON books BEGIN
    INSERT INTO books_search (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER books_search_update AFTER UPDATE OF title, summary ON books BEGIN
    INSERT INTO books_search (books_search, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
    INSERT INTO books_search (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER books_search_delete AFTER DELETE ON books BEGIN
    INSERT INTO books_search (books_search, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
END;
-- +goose StatementEnd

-- Who may view, add, change and delete books in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('books', 'view'), ('books', 'add'), ('books', 'change'), ('books', 'delete');

-- +goose Down
DROP TABLE books_search;
DELETE FROM auth_permissions WHERE model = 'books';
DROP TABLE books;
