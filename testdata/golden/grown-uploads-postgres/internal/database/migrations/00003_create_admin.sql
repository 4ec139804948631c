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

-- The admin's search indexes: a search box finds text inside words, ignoring case
-- (ILIKE '%term%'), which no ordinary index serves: without these, each search reads every
-- row. A trigram index (pg_trgm, an extension that comes with PostgreSQL) serves it for terms
-- of three characters or more. The extension goes in the public schema, where PostgreSQL puts
-- extensions by default; the indexes name its operator class there. Two apps (or tests)
-- migrating at once could both try to create the extension: the lock makes one wait for the
-- other, then find it made.
SELECT pg_advisory_xact_lock(hashtext('CREATE EXTENSION pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX notes_body_trgm ON notes USING gin (body public.gin_trgm_ops);
CREATE INDEX users_email_trgm ON users USING gin (email public.gin_trgm_ops);
CREATE INDEX auth_groups_name_trgm ON auth_groups USING gin (name public.gin_trgm_ops);

-- +goose Down
-- The extension stays: other tables may use it.
DROP INDEX auth_groups_name_trgm;
DROP INDEX users_email_trgm;
DROP INDEX notes_body_trgm;
DELETE FROM auth_permissions WHERE model = 'admin_audit';
DROP INDEX notes_body;
DROP INDEX notes_created_at;
DROP TABLE admin_audit;
