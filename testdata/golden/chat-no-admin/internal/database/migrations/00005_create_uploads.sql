-- The table of internal/uploads: one row for each stored file, with what the app knows about
-- it. A model's image or file column holds the file's key (object_key); owner_table names that
-- model, whose permissions decide who may download it (GET /uploads/{key}).

-- +goose Up
CREATE TABLE uploads (
    object_key    TEXT PRIMARY KEY,
    thumbnail_key TEXT NOT NULL DEFAULT '',
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    width         INTEGER NOT NULL DEFAULT 0,
    height        INTEGER NOT NULL DEFAULT 0,
    owner_table   TEXT NOT NULL,
    created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX uploads_thumbnail_key ON uploads (thumbnail_key);

-- +goose Down
DROP TABLE uploads;
