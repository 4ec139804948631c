// Login sessions: the scs library keeps each visitor's session in the sessions table and
// gives the browser a cookie with a random session id. Cookie settings and timeouts are here.

package auth

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"strconv"
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
	sessions.Store = sessionStore{queries: s.queries, idleTimeout: s.cfg.SessionIdleTimeout, now: func() time.Time { return s.now() }}
	sessions.HashTokenInStore = true // the table holds SHA-256 hashes, never a working session id
	sessions.Codec = sessionCodec{}  // JSON, quicker to read than scs's gob (session_codec.go)
	// The idle timeout is the store's to keep (see sessionStore), not scs's: scs would save
	// every session again on every page view, only to move its expiry.
	sessions.IdleTimeout = 0
	sessions.Lifetime = s.cfg.SessionLifetime
	sessions.Cookie.Name = "session"
	sessions.Cookie.HttpOnly = true
	sessions.Cookie.SameSite = http.SameSiteLaxMode
	sessions.Cookie.Secure = s.cfg.IsProduction()
	return sessions
}

// stampOf is what a session remembers of its user at login: their auth_version, which goes
// up when the password changes or the user is deactivated (see SignOutEverywhere). A session
// whose stamp differs from the user's version has ended, as in Django: changing a password
// logs out every other browser, and reactivating a user does not log them back in.
func stampOf(user models.User) string {
	return strconv.FormatInt(user.AuthVersion, 10)
}

// sessionStore is where scs keeps sessions: the sessions table, through the sqlc queries.
// scs has a store per database; this small one works for SQLite and PostgreSQL alike.
//
// It also keeps the idle timeout. A session's expiry is the earlier of its deadline (login
// plus SESSION_LIFETIME, which scs writes into its data) and its last visit plus
// SESSION_IDLE_TIMEOUT. Each visit would move the second, but writing the session on every
// page view cost more than the rest of a logged-in page (and made every view wait for the
// database's single writer on SQLite). So a visit moves the expiry only once it has fallen
// behind by extendAfter: one write a minute per active session at most, and a session may
// end up to a minute before SESSION_IDLE_TIMEOUT has passed since the last visit.
type sessionStore struct {
	queries     *models.Queries
	idleTimeout time.Duration
	now         func() time.Time // UTC
}

// extendAfter is how far behind a session's expiry may fall before a visit moves it.
func (st sessionStore) extendAfter() time.Duration {
	return min(time.Minute, st.idleTimeout/10) // a tenth, for short timeouts
}

// FindCtx returns the data of a session that has not expired, extending it if needed.
func (st sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	now := st.now()
	session, err := st.queries.FindSession(ctx, models.FindSessionParams{Token: token, Now: now})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if st.idleTimeout > 0 && now.Add(st.idleTimeout).Sub(session.Expiry) > st.extendAfter() {
		deadline, _, err := sessionCodec{}.Decode(session.Data)
		if err != nil {
			return nil, false, err
		}
		if expiry := st.expiry(deadline, now); expiry.After(session.Expiry) {
			if err := st.queries.ExtendSession(ctx, models.ExtendSessionParams{Token: token, Expiry: expiry}); err != nil {
				return nil, false, err
			}
		}
	}
	return session.Data, true, nil
}

// CommitCtx saves a session, replacing any older version of it. scs calls it when the
// session's data changed (at login, logout, a flash message); deadline is when the session
// ends in any case.
func (st sessionStore) CommitCtx(ctx context.Context, token string, data []byte, deadline time.Time) error {
	expiry := st.expiry(deadline.UTC(), st.now())
	return st.queries.SaveSession(ctx, models.SaveSessionParams{Token: token, Data: data, Expiry: expiry})
}

// expiry is when a session seen at now ends: at its deadline, or sooner if idleTimeout
// passes without a visit (an idleTimeout of 0 turns that off).
func (st sessionStore) expiry(deadline, now time.Time) time.Time {
	if idle := now.Add(st.idleTimeout); st.idleTimeout > 0 && idle.Before(deadline) {
		return idle
	}
	return deadline
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
