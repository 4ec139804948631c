// Tokens for API clients (mobile apps, scripts, other front ends): a short-lived access token
// (a JWT signed with a key derived from SECRET_KEY) and a long-lived refresh token, stored
// hashed and used once. Add claims to accessClaims if clients need more than the user id.

package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"errors"
	"strconv"

	"github.com/golang-jwt/jwt/v5"

	"myapp/internal/models"
)

// ErrInvalidToken means a token is malformed, tampered with, expired or revoked. Callers
// answer 401 without saying which: the details would only help an attacker.
var ErrInvalidToken = errors.New("the token is invalid or expired: log in again")

// tokenIssuer names this app in its tokens, so a token from another app is refused.
const tokenIssuer = "myapp"

// TokenPair is the JSON answer of POST /api/auth/token and POST /api/auth/refresh.
type TokenPair struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"` // always "bearer": send it as Authorization: Bearer <access_token>
	ExpiresIn    int    `json:"expires_in"` // seconds until the access token expires
	RefreshToken string `json:"refresh_token"`
}

// accessKey derives the JWT signing key from SECRET_KEY, so the key itself is never used
// for two purposes.
func (s *Service) accessKey() []byte {
	mac := hmac.New(sha256.New, []byte(s.cfg.SecretKey))
	mac.Write([]byte("myapp API access tokens"))
	return mac.Sum(nil)
}

// accessClaims is what an access token says: the standard claims (issuer, user id as the
// subject, times) and the user's auth_version when it was issued. A password change or a
// deactivation raises the version (see SignOutEverywhere), which ends the token at once.
type accessClaims struct {
	jwt.RegisteredClaims
	AuthVersion int64 `json:"ver"`
}

// IssueTokens returns a new access token and refresh token for user.
func (s *Service) IssueTokens(ctx context.Context, user models.User) (TokenPair, error) {
	now := s.now()
	claims := accessClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    tokenIssuer,
			Subject:   strconv.FormatInt(user.ID, 10),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(s.cfg.AccessTokenTTL)),
		},
		AuthVersion: user.AuthVersion,
	}
	access, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.accessKey())
	if err != nil {
		return TokenPair{}, err
	}
	refresh := rand.Text()
	err = s.queries.CreateRefreshToken(ctx, models.CreateRefreshTokenParams{
		UserID: user.ID, TokenHash: hashToken(refresh), ExpiresAt: now.Add(s.cfg.RefreshTokenTTL),
	})
	if err != nil {
		return TokenPair{}, err
	}
	return TokenPair{
		AccessToken:  access,
		TokenType:    "bearer",
		ExpiresIn:    int(s.cfg.AccessTokenTTL.Seconds()),
		RefreshToken: refresh,
	}, nil
}

// UserFromAccessToken checks an access token (signature, algorithm, issuer, expiry) and
// returns its user, who must still be active and have the token's auth_version.
func (s *Service) UserFromAccessToken(ctx context.Context, token string) (models.User, error) {
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), // refuses "none" and key-confusion tricks
		jwt.WithIssuer(tokenIssuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(s.now),
	)
	var claims accessClaims
	_, err := parser.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return s.accessKey(), nil })
	if err != nil {
		return models.User{}, ErrInvalidToken
	}
	userID, err := strconv.ParseInt(claims.Subject, 10, 64)
	if err != nil {
		return models.User{}, ErrInvalidToken
	}
	user, err := s.activeUser(ctx, userID)
	if errors.Is(err, errNoActiveUser) || (err == nil && user.AuthVersion != claims.AuthVersion) {
		return models.User{}, ErrInvalidToken
	}
	return user, err
}

// Refresh trades a refresh token for a new pair. Each refresh token works once. A used one
// coming back means someone kept a copy, so every refresh token of its user is revoked:
// whoever holds the newest one must log in again too.
func (s *Service) Refresh(ctx context.Context, refreshToken string) (TokenPair, error) {
	now := s.now()
	stored, err := s.queries.GetRefreshToken(ctx, hashToken(refreshToken))
	if errors.Is(err, sql.ErrNoRows) {
		return TokenPair{}, ErrInvalidToken
	}
	if err != nil {
		return TokenPair{}, err
	}
	if stored.RevokedAt.Valid {
		s.logger.Warn("a used refresh token was presented again; revoking all of the user's refresh tokens", "user_id", stored.UserID)
		if err := s.revokeRefreshTokens(ctx, stored.UserID); err != nil {
			return TokenPair{}, err
		}
		return TokenPair{}, ErrInvalidToken
	}
	if !stored.ExpiresAt.After(now) {
		return TokenPair{}, ErrInvalidToken
	}
	user, err := s.activeUser(ctx, stored.UserID)
	if errors.Is(err, errNoActiveUser) {
		return TokenPair{}, ErrInvalidToken
	}
	if err != nil {
		return TokenPair{}, err
	}
	// Affects no row when another request used this token a moment ago: only one may win.
	revoked, err := s.queries.RevokeRefreshToken(ctx, models.RevokeRefreshTokenParams{
		RevokedAt: sql.NullTime{Time: now, Valid: true}, ID: stored.ID,
	})
	if err != nil {
		return TokenPair{}, err
	}
	if revoked == 0 {
		return TokenPair{}, ErrInvalidToken
	}
	return s.IssueTokens(ctx, user)
}

func (s *Service) revokeRefreshTokens(ctx context.Context, userID int64) error {
	return s.queries.RevokeUserRefreshTokens(ctx, models.RevokeUserRefreshTokensParams{
		RevokedAt: sql.NullTime{Time: s.now(), Valid: true}, UserID: userID,
	})
}
