-- name: FindSession :one
-- FindSession returns the data and expiry of a session that has not expired; token is its SHA-256.
SELECT data, expiry FROM sessions WHERE token = sqlc.arg(token) AND expiry > sqlc.arg(now);

-- name: SaveSession :exec
-- SaveSession adds a session, or replaces its data and expiry if it exists.
INSERT INTO sessions (token, data, expiry) VALUES (sqlc.arg(token), sqlc.arg(data), sqlc.arg(expiry))
ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry;

-- name: ExtendSession :exec
-- ExtendSession moves a session's expiry later, after a visit, without writing its data again.
UPDATE sessions SET expiry = sqlc.arg(expiry) WHERE token = sqlc.arg(token);

-- name: DeleteSession :exec
-- DeleteSession ends a session, at logout or when login gives it a new id.
DELETE FROM sessions WHERE token = sqlc.arg(token);

-- name: DeleteExpiredSessions :execrows
-- DeleteExpiredSessions removes sessions that can no longer be used.
DELETE FROM sessions WHERE expiry <= sqlc.arg(now);
