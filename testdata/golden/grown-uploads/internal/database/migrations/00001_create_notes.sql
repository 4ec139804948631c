-- The notes table behind the /notes page: the smallest table that proves the whole path
-- from form to database and back. Goose runs the Up part to apply, the Down part to undo.

-- +goose Up
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +goose Down
DROP TABLE notes;
