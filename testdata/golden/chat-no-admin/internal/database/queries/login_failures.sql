-- name: RecordLoginFailure :exec
-- RecordLoginFailure notes a failed login, for throttling.
INSERT INTO login_failures (email, client_address, failed_at)
VALUES (sqlc.arg(email), sqlc.arg(client_address), sqlc.arg(failed_at));

-- name: RecentFailuresForEmail :many
-- RecentFailuresForEmail returns when each failed login for an account since since happened, newest first.
SELECT failed_at FROM login_failures
WHERE email = sqlc.arg(email) AND failed_at > sqlc.arg(since)
ORDER BY failed_at DESC;

-- name: RecentFailuresForClient :many
-- RecentFailuresForClient is RecentFailuresForEmail for a client address.
SELECT failed_at FROM login_failures
WHERE client_address = sqlc.arg(client_address) AND failed_at > sqlc.arg(since)
ORDER BY failed_at DESC;

-- name: ClearLoginFailures :exec
-- ClearLoginFailures forgets an account's failures after a successful login.
DELETE FROM login_failures WHERE email = sqlc.arg(email);

-- name: DeleteOldLoginFailures :execrows
-- DeleteOldLoginFailures removes failures too old to matter for throttling.
DELETE FROM login_failures WHERE failed_at <= sqlc.arg(before);
