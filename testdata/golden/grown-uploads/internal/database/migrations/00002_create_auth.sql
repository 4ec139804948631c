-- The tables of internal/auth: users, groups and per-model permissions (as in Django), login
-- sessions, API refresh tokens, recent failed logins (for throttling) and emergency access links.
-- The group tables start with auth_ because GROUPS is a keyword in SQLite.

-- +goose Up
-- email is stored lower-cased by the Go code, so UNIQUE ignores case: A@x.com and a@x.com are one user.
-- AUTOINCREMENT: a deleted user's id is never given to a new user, whom the old user's
-- sessions and tokens (which name the id) would otherwise log in as.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_active     BOOLEAN NOT NULL DEFAULT TRUE,
    is_staff      BOOLEAN NOT NULL DEFAULT FALSE,
    is_superuser  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_login_at DATETIME,
    -- auth_version goes up when the password changes or the user is deactivated. Sessions and
    -- API access tokens carry the version they were made with and stop working once it differs.
    auth_version  BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE auth_groups (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE auth_group_users (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES auth_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
);

-- One row per model and action. A migration that adds a model adds its four rows.
CREATE TABLE auth_permissions (
    id     INTEGER PRIMARY KEY,
    model  TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('view', 'add', 'change', 'delete')),
    UNIQUE (model, action)
);

CREATE TABLE auth_group_permissions (
    group_id      INTEGER NOT NULL REFERENCES auth_groups (id) ON DELETE CASCADE,
    permission_id INTEGER NOT NULL REFERENCES auth_permissions (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, permission_id)
);

INSERT INTO auth_permissions (model, action) VALUES
    ('notes', 'view'), ('notes', 'add'), ('notes', 'change'), ('notes', 'delete'),
    ('users', 'view'), ('users', 'add'), ('users', 'change'), ('users', 'delete'),
    ('groups', 'view'), ('groups', 'add'), ('groups', 'change'), ('groups', 'delete');

-- Login sessions (the scs library's data). token holds a SHA-256 of the cookie's value,
-- so a copy of the database cannot be used to log in.
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry DATETIME NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- Refresh tokens for API clients, stored as SHA-256 hashes. Each is used once: refreshing
-- revokes it and issues a new one.
CREATE TABLE refresh_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at DATETIME NOT NULL,
    revoked_at DATETIME,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Failed logins of the last minutes, per account, per client address and per both, for
-- throttling (see internal/auth/login.go).
CREATE TABLE login_failures (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL,
    client_address TEXT NOT NULL,
    failed_at      DATETIME NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, failed_at);
CREATE INDEX login_failures_email_client_address ON login_failures (email, client_address, failed_at);
CREATE INDEX login_failures_client_address ON login_failures (client_address, failed_at);

-- One-time links printed by `go run . emergency-access`, stored as SHA-256 hashes.
CREATE TABLE emergency_tokens (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +goose Down
DROP TABLE emergency_tokens;
DROP TABLE login_failures;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE auth_group_permissions;
DROP TABLE auth_permissions;
DROP TABLE auth_group_users;
DROP TABLE auth_groups;
DROP TABLE users;
