-- name: CreateUser :one
-- CreateUser adds a user and returns it; email must already be lower-cased (auth.NormalizeEmail).
INSERT INTO users (email, password_hash, is_staff, is_superuser, created_at, updated_at)
VALUES (sqlc.arg(email), sqlc.arg(password_hash), sqlc.arg(is_staff), sqlc.arg(is_superuser), sqlc.arg(now), sqlc.arg(now))
RETURNING *;

-- name: GetUserByID :one
-- GetUserByID returns one user, or sql.ErrNoRows.
SELECT * FROM users WHERE id = sqlc.arg(id);

-- name: GetUserByEmail :one
-- GetUserByEmail returns the user with a lower-cased email, or sql.ErrNoRows.
SELECT * FROM users WHERE email = sqlc.arg(email);

-- name: ListUsers :many
-- ListUsers returns every user, by email.
SELECT * FROM users ORDER BY email;

-- name: CountSuperusers :one
-- CountSuperusers says whether serve must create a development superuser (when it is 0).
SELECT COUNT(*) FROM users WHERE is_superuser;

-- name: SetPasswordHash :exec
-- SetPasswordHash stores a new password hash: a new password (then call EndUserSessions too),
-- or the same password hashed with today's parameters.
UPDATE users SET password_hash = sqlc.arg(password_hash), updated_at = sqlc.arg(now) WHERE id = sqlc.arg(id);

-- name: EndUserSessions :exec
-- EndUserSessions raises the user's auth_version: every session and access token made
-- before carries the old version and stops working at its next request.
UPDATE users SET auth_version = auth_version + 1 WHERE id = sqlc.arg(id);

-- name: SetUserRole :exec
-- SetUserRole sets the two flags that make a role: staff, and superuser.
UPDATE users SET is_staff = sqlc.arg(is_staff), is_superuser = sqlc.arg(is_superuser), updated_at = sqlc.arg(now)
WHERE id = sqlc.arg(id);

-- name: SetUserActive :exec
-- SetUserActive activates or deactivates a user.
UPDATE users SET is_active = sqlc.arg(is_active), updated_at = sqlc.arg(now) WHERE id = sqlc.arg(id);

-- name: RecordLogin :exec
-- RecordLogin notes when the user last logged in.
UPDATE users SET last_login_at = sqlc.arg(last_login_at) WHERE id = sqlc.arg(id);
