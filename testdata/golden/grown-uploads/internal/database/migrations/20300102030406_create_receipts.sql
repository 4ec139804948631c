-- The receipts table, made by `fastopp add model Receipt`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    total TEXT COLLATE decimal NOT NULL,
    scan TEXT,
    paid BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX receipts_total ON receipts (total);
CREATE INDEX receipts_scan ON receipts (scan);
CREATE INDEX receipts_paid ON receipts (paid);
CREATE INDEX receipts_created_at ON receipts (created_at);

-- Who may view, add, change and delete receipts in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('receipts', 'view'), ('receipts', 'add'), ('receipts', 'change'), ('receipts', 'delete');

-- +goose Down
DELETE FROM auth_permissions WHERE model = 'receipts';
DROP TABLE receipts;
