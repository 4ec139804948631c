// The web side of auth: the Handlers type and its middleware, which loads the logged-in user
// for each request and guards pages (RequireLogin) and API routes (RequireUser). Like every
// middleware of the app, each takes and returns an http.Handler: wrap a route's handler in one
// of them in internal/server/routes.go to make it private.

package auth

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/alexedwards/scs/v2"

	"myapp/internal/models"
	"myapp/internal/web"
)

// Handlers answers the login, account, API token and emergency access routes.
type Handlers struct {
	service  *Service
	sessions *scs.SessionManager
	render   *web.Renderer
	logger   *slog.Logger
}

// NewHandlers returns the auth handlers for service, rendering pages with render.
func NewHandlers(service *Service, render *web.Renderer) *Handlers {
	sessions := NewSessions(service)
	sessions.ErrorFunc = render.ServerError // a failing session store shows the 500 page
	return &Handlers{service: service, sessions: sessions, render: render, logger: service.logger}
}

// Sessions loads each page request's session and, if someone is logged in, their user (see
// web.CurrentUser). Static files skip this, and so does the API, whose clients send tokens
// instead of cookies: a cookie never logs anyone in to /api/.
func (h *Handlers) Sessions(next http.Handler) http.Handler {
	withSession := h.sessions.LoadAndSave(h.loadUser(next))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		withSession.ServeHTTP(w, r)
	})
}

// loadUser puts the session's user into the request's context. A session whose user was
// deleted or deactivated, or was signed out everywhere since (see stampOf), is ended.
func (h *Handlers) loadUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		userID := h.sessions.GetInt64(ctx, sessionUserID)
		if userID == 0 {
			next.ServeHTTP(w, r)
			return
		}
		user, err := h.service.activeUser(ctx, userID)
		if err == nil && stampOf(user) == h.sessions.GetString(ctx, sessionStamp) {
			ctx = context.WithValue(web.WithUser(ctx, webUser(user)), sessionUserKey{}, user)
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if err != nil && !errors.Is(err, errNoActiveUser) {
			h.render.ServerError(w, r, err)
			return
		}
		if err := h.sessions.Destroy(ctx); err != nil {
			h.render.ServerError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// sessionUserKey is the context key of the whole user row loadUser read, so that a page of
// this package (Account) does not read it again.
type sessionUserKey struct{}

// sessionUser returns the logged-in user's row as loadUser read it for this request, or reads
// it when the request did not come through loadUser.
func (h *Handlers) sessionUser(r *http.Request) (models.User, error) {
	if user, ok := r.Context().Value(sessionUserKey{}).(models.User); ok {
		return user, nil
	}
	return h.service.activeUser(r.Context(), web.CurrentUser(r.Context()).ID)
}

// RequireLogin lets logged-in users through to next and sends visitors to the login page,
// which brings them back here afterwards. A handler method such as h.Account is a function, not
// an http.Handler: wrap it as RequireLogin(http.HandlerFunc(h.Account)).
func (h *Handlers) RequireLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if web.CurrentUser(r.Context()) == nil {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// RequireUser lets API requests with a valid access token (Authorization: Bearer <token>)
// through to next, with web.CurrentUser set. Others get a JSON 401, never a redirect: an API
// client cannot fill in a login form.
func (h *Handlers) RequireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
		if !found || !strings.EqualFold(scheme, "Bearer") || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
			web.WriteError(w, http.StatusUnauthorized, "send an access token in the header Authorization: Bearer ACCESS_TOKEN (get one from POST /api/auth/token)")
			return
		}
		user, err := h.service.UserFromAccessToken(r.Context(), strings.TrimSpace(token))
		if errors.Is(err, ErrInvalidToken) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="api", error="invalid_token"`)
			web.WriteError(w, http.StatusUnauthorized, err.Error())
			return
		}
		if err != nil {
			web.WriteServerError(w, r, h.logger, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(web.WithUser(r.Context(), webUser(user))))
	})
}

// HasPerm reports whether the user may do action on model (see Service.HasPerm); the admin asks
// it on every request.
func (h *Handlers) HasPerm(ctx context.Context, userID int64, model, action string) (bool, error) {
	return h.service.HasPerm(ctx, userID, model, action)
}

// HashPassword checks a new password against the rules and returns its hash, for the admin's
// user form. Saving it signs the user out everywhere (the users table's AfterChange calls
// SignOutEverywhere).
func (h *Handlers) HashPassword(ctx context.Context, password string) (string, error) {
	if err := CheckPasswordRules(password); err != nil {
		return "", err
	}
	return h.service.hasher.Hash(ctx, password)
}

// webUser is the part of a user that pages may see.
func webUser(user models.User) *web.User {
	return &web.User{ID: user.ID, Email: user.Email, IsStaff: user.IsStaff, IsSuperuser: user.IsSuperuser}
}

// EmergencyAccessEnabled reports whether EMERGENCY_ACCESS_ENABLED is true; routes.go adds the
// emergency access routes only then.
func (h *Handlers) EmergencyAccessEnabled() bool {
	return h.service.cfg.EmergencyAccessEnabled
}
