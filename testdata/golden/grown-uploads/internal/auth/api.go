// The JSON API for clients that cannot use cookies (mobile apps, scripts): trade an email and
// password for tokens, refresh them, and ask who you are. Every answer, errors included, is
// JSON. A new API route goes in routes.go under /api/, wrapped in RequireUser.

package auth

import (
	"errors"
	"net/http"
	"time"

	"myapp/internal/web"
)

// maxJSONBody is the largest request body the API reads: more than any login needs.
const maxJSONBody = 64 << 10

// Token answers POST /api/auth/token {"email": "...", "password": "..."} with a TokenPair.
// Failed tries count towards the same throttling as the login form.
func (h *Handlers) Token(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if !web.ReadJSON(w, r, maxJSONBody, &body) {
		return
	}
	if body.Email == "" || body.Password == "" {
		web.WriteError(w, http.StatusBadRequest, `send {"email": "...", "password": "..."}`)
		return
	}
	user, err := h.service.Authenticate(r.Context(), body.Email, body.Password, web.ClientAddress(r))
	if status, message := loginProblem(w, err); status != 0 {
		if status == http.StatusInternalServerError {
			web.WriteServerError(w, r, h.logger, err)
			return
		}
		web.WriteError(w, status, message)
		return
	}
	pair, err := h.service.IssueTokens(r.Context(), user)
	h.issue(w, r, pair, err)
}

// Refresh answers POST /api/auth/refresh {"refresh_token": "..."} with a new TokenPair; the
// refresh token sent is used up.
func (h *Handlers) Refresh(w http.ResponseWriter, r *http.Request) {
	var body struct {
		RefreshToken string `json:"refresh_token"`
	}
	if !web.ReadJSON(w, r, maxJSONBody, &body) {
		return
	}
	pair, err := h.service.Refresh(r.Context(), body.RefreshToken)
	if errors.Is(err, ErrInvalidToken) {
		web.WriteError(w, http.StatusUnauthorized, err.Error())
		return
	}
	h.issue(w, r, pair, err)
}

// issue answers with a new token pair, which no cache may keep.
func (h *Handlers) issue(w http.ResponseWriter, r *http.Request, pair TokenPair, err error) {
	if err != nil {
		web.WriteServerError(w, r, h.logger, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, pair)
}

// meView is the JSON answer of GET /api/me.
type meView struct {
	ID          int64      `json:"id"`
	Email       string     `json:"email"`
	Role        Role       `json:"role"`
	IsStaff     bool       `json:"is_staff"`
	IsSuperuser bool       `json:"is_superuser"`
	Groups      []string   `json:"groups"`
	CreatedAt   time.Time  `json:"created_at"`
	LastLoginAt *time.Time `json:"last_login_at"` // null before the first login
}

// Me answers GET /api/me with the user the access token belongs to. RequireUser guards it.
func (h *Handlers) Me(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	user, err := h.service.activeUser(ctx, web.CurrentUser(ctx).ID)
	if err != nil {
		web.WriteServerError(w, r, h.logger, err)
		return
	}
	groups, err := h.service.GroupsOf(ctx, user.ID)
	if err != nil {
		web.WriteServerError(w, r, h.logger, err)
		return
	}
	me := meView{
		ID: user.ID, Email: user.Email, Role: RoleOf(user), IsStaff: user.IsStaff, IsSuperuser: user.IsSuperuser,
		Groups: []string{}, CreatedAt: user.CreatedAt,
	}
	for _, group := range groups {
		me.Groups = append(me.Groups, group.Name)
	}
	if user.LastLoginAt.Valid {
		me.LastLoginAt = &user.LastLoginAt.Time
	}
	web.WriteJSON(w, http.StatusOK, me)
}
