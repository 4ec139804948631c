-- The events table, made by `fastopp add model Event`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at DATETIME NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX events_created_at ON events (created_at);

-- +goose Down
DROP TABLE events;
