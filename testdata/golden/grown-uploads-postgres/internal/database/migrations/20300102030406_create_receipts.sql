-- The receipts table, made by `fastopp add model Receipt`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE receipts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total NUMERIC(12, 2) NOT NULL,
    scan TEXT,
    paid BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Each index ends with id, which lists sort by after the column, so that a sorted page is
-- read in the index's order even where many rows share a value (as rows added together
-- share created_at).
CREATE INDEX receipts_total ON receipts (total, id);
CREATE INDEX receipts_scan ON receipts (scan, id);
CREATE INDEX receipts_paid ON receipts (paid, id);
CREATE INDEX receipts_created_at ON receipts (created_at, id);

-- Who may view, add, change and delete receipts in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('receipts', 'view'), ('receipts', 'add'), ('receipts', 'change'), ('receipts', 'delete');

-- +goose Down
DELETE FROM auth_permissions WHERE model = 'receipts';
DROP TABLE receipts;
