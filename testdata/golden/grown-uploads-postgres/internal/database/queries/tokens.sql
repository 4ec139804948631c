-- name: CreateRefreshToken :exec
-- CreateRefreshToken stores a new refresh token's SHA-256.
INSERT INTO refresh_tokens (user_id, token_hash, expires_at)
VALUES (sqlc.arg(user_id), sqlc.arg(token_hash), sqlc.arg(expires_at));

-- name: GetRefreshToken :one
-- GetRefreshToken finds a refresh token by its SHA-256, used or not.
SELECT * FROM refresh_tokens WHERE token_hash = sqlc.arg(token_hash);

-- name: RevokeRefreshToken :execrows
-- RevokeRefreshToken affects no row when the token was already revoked: two requests
-- cannot both use one refresh token.
UPDATE refresh_tokens SET revoked_at = sqlc.arg(revoked_at) WHERE id = sqlc.arg(id) AND revoked_at IS NULL;

-- name: RevokeUserRefreshTokens :exec
-- RevokeUserRefreshTokens ends every refresh token of a user.
UPDATE refresh_tokens SET revoked_at = sqlc.arg(revoked_at) WHERE user_id = sqlc.arg(user_id) AND revoked_at IS NULL;

-- name: DeleteUserRefreshTokens :exec
-- DeleteUserRefreshTokens removes every refresh token of a user, when their password changes
-- or they are deactivated. Deleted rather than revoked: an old client that still tries one
-- gets a plain 401, and does not set off the reuse alarm that revokes the user's new tokens.
DELETE FROM refresh_tokens WHERE user_id = sqlc.arg(user_id);

-- name: DeleteExpiredRefreshTokens :execrows
-- DeleteExpiredRefreshTokens removes refresh tokens that can no longer be used.
DELETE FROM refresh_tokens WHERE expires_at <= sqlc.arg(now);

-- name: CreateEmergencyToken :exec
-- CreateEmergencyToken stores a new emergency access token's SHA-256.
INSERT INTO emergency_tokens (token_hash, expires_at) VALUES (sqlc.arg(token_hash), sqlc.arg(expires_at));

-- name: FindEmergencyToken :one
-- FindEmergencyToken returns a token that can still be used: not used and not expired.
SELECT * FROM emergency_tokens
WHERE token_hash = sqlc.arg(token_hash) AND used_at IS NULL AND expires_at > sqlc.arg(now);

-- name: UseEmergencyToken :execrows
-- UseEmergencyToken marks a usable token as used; it affects no row when the token is
-- unknown, used or expired, so a token works once.
UPDATE emergency_tokens SET used_at = sqlc.arg(used_at)
WHERE token_hash = sqlc.arg(token_hash) AND used_at IS NULL AND expires_at > sqlc.arg(now);

-- name: DeleteExpiredEmergencyTokens :execrows
-- DeleteExpiredEmergencyTokens removes tokens that can no longer be used.
DELETE FROM emergency_tokens WHERE expires_at <= sqlc.arg(now);
