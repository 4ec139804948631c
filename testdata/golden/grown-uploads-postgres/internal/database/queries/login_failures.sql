-- name: RecordLoginFailure :one
-- RecordLoginFailure notes a login try as failed, for throttling, and returns its id: a try
-- counts as failed from its start until its password is found right (see DeleteLoginFailure).
INSERT INTO login_failures (email, client_address, failed_at)
VALUES (sqlc.arg(email), sqlc.arg(client_address), sqlc.arg(failed_at))
RETURNING id;

-- name: DeleteLoginFailure :exec
-- DeleteLoginFailure forgets one try: it was refused by throttling, or its password was right.
DELETE FROM login_failures WHERE id = sqlc.arg(id);

-- name: RecentFailuresForEmail :many
-- RecentFailuresForEmail returns when the newest failed logins for an account, from any
-- address, happened since since: at most max of them, newest first.
SELECT failed_at FROM login_failures
WHERE email = sqlc.arg(email) AND failed_at > sqlc.arg(since)
ORDER BY failed_at DESC
LIMIT sqlc.arg(max);

-- name: RecentFailuresForClient :many
-- RecentFailuresForClient is RecentFailuresForEmail for a client address, on any account.
SELECT failed_at FROM login_failures
WHERE client_address = sqlc.arg(client_address) AND failed_at > sqlc.arg(since)
ORDER BY failed_at DESC
LIMIT sqlc.arg(max);

-- name: RecentFailuresForEmailAndClient :many
-- RecentFailuresForEmailAndClient is RecentFailuresForEmail for one account from one address.
SELECT failed_at FROM login_failures
WHERE email = sqlc.arg(email) AND client_address = sqlc.arg(client_address) AND failed_at > sqlc.arg(since)
ORDER BY failed_at DESC
LIMIT sqlc.arg(max);

-- name: ClearLoginFailures :exec
-- ClearLoginFailures forgets an account's failures from one address after a successful login
-- from there. Failures from elsewhere stay: they may be someone else's guesses.
DELETE FROM login_failures WHERE email = sqlc.arg(email) AND client_address = sqlc.arg(client_address);

-- name: DeleteOldLoginFailures :execrows
-- DeleteOldLoginFailures removes failures too old to matter for throttling.
DELETE FROM login_failures WHERE failed_at <= sqlc.arg(before);
