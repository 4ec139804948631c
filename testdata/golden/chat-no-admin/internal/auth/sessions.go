// Login sessions: the scs library keeps each visitor's session in the sessions table and
// gives the browser a cookie with a random session id. Cookie settings and timeouts are here.

package auth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"myapp/internal/models"
)

// The keys of what a session holds.
const (
	sessionUserID = "user_id"    // the logged-in user's id
	sessionStamp  = "auth_stamp" // see stampOf
	sessionFlash  = "flash"      // a message shown once, on the next page
)

// NewSessions returns the session manager with safe cookie settings: HttpOnly (scripts in the
// page cannot read it), SameSite=Lax (other sites' forms do not send it) and, in production,
// Secure (only sent over HTTPS). Sessions end after SESSION_IDLE_TIMEOUT without a visit, and
// SESSION_LIFETIME after login in any case.
func NewSessions(s *Service) *scs.SessionManager {
	sessions := scs.New()
	sessions.Store = sessionStore{queries: s.queries}
	sessions.HashTokenInStore = true // the table holds SHA-256 hashes, never a working session id
	sessions.IdleTimeout = s.cfg.SessionIdleTimeout
	sessions.Lifetime = s.cfg.SessionLifetime
	sessions.Cookie.Name = "session"
	sessions.Cookie.HttpOnly = true
	sessions.Cookie.SameSite = http.SameSiteLaxMode
	sessions.Cookie.Secure = s.cfg.IsProduction()
	return sessions
}

// stampOf is a fingerprint of the user's password hash, saved in the session at login. When
// the password changes, sessions holding the old stamp stop working, as in Django: changing a
// password logs out every other browser.
func stampOf(user models.User) string {
	sum := sha256.Sum256([]byte(user.PasswordHash))
	return hex.EncodeToString(sum[:16])
}

// sessionStore is where scs keeps sessions: the sessions table, through the sqlc queries.
// scs has a store per database; this small one works for SQLite and PostgreSQL alike.
type sessionStore struct {
	queries *models.Queries
}

// FindCtx returns the data of a session that has not expired.
func (st sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	data, err := st.queries.FindSession(ctx, models.FindSessionParams{Token: token, Now: time.Now().UTC()})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return data, err == nil, err
}

// CommitCtx saves a session, replacing any older version of it.
func (st sessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	return st.queries.SaveSession(ctx, models.SaveSessionParams{Token: token, Data: data, Expiry: expiry.UTC()})
}

// DeleteCtx removes a session: at logout, and when a login replaces it with a new id.
func (st sessionStore) DeleteCtx(ctx context.Context, token string) error {
	return st.queries.DeleteSession(ctx, token)
}

// Find, Commit and Delete complete scs.Store; scs calls the Ctx versions above.
func (st sessionStore) Find(token string) ([]byte, bool, error) {
	return st.FindCtx(context.Background(), token)
}

func (st sessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return st.CommitCtx(context.Background(), token, data, expiry)
}

func (st sessionStore) Delete(token string) error {
	return st.DeleteCtx(context.Background(), token)
}
