-- The audit log of internal/admin: one row per create, update or delete made through the
-- admin, written in the same transaction as the change, so a change is never left unrecorded.

-- +goose Up
-- changes holds JSON: {"column": {"old": ..., "new": ...}}. user_email is kept as it was, so
-- the entry still says who acted after that user is deleted.
CREATE TABLE admin_audit (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT,
    user_email     TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('add', 'change', 'delete')),
    model          TEXT NOT NULL,
    object_id      BIGINT NOT NULL,
    changes        TEXT NOT NULL,
    client_address TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX admin_audit_object ON admin_audit (model, object_id, created_at);
CREATE INDEX admin_audit_created_at ON admin_audit (created_at);

-- The list pages sort by these columns: an index lets a page of 50 skip the rest of the table.
-- Each ends with id, which lists sort by after the column, so that a page is read in the
-- index's order even where many rows share a value (as rows added together share created_at).
CREATE INDEX notes_created_at ON notes (created_at, id);
CREATE INDEX notes_body ON notes (body, id);

-- Reading the audit log is a permission like any other; nobody may change it.
INSERT INTO auth_permissions (model, action) VALUES ('admin_audit', 'view');

-- +goose Down
DELETE FROM auth_permissions WHERE model = 'admin_audit';
DROP INDEX notes_body;
DROP INDEX notes_created_at;
DROP TABLE admin_audit;
