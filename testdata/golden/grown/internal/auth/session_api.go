// API routes that the app's own pages call with fetch() or htmx, such as the chat's POST /api/chat:
// a browser sends its session cookie there, an API client an access token. Both work.

package auth

import (
	"net/http"

	"myapp/internal/web"
)

// RequireUserOrSession lets through API requests with a valid access token, as RequireUser
// does, and also those of a logged-in browser, by its session cookie. Others get a JSON 401.
// A cookie is safe here because the app refuses cross-site requests before they get this
// far (see server.New): another site cannot make a visitor's browser post to the API.
func (h *Handlers) RequireUserOrSession(next http.Handler) http.Handler {
	withToken := h.RequireUser(next)
	// Sessions skips /api/, so this route loads the session itself.
	withSession := h.sessions.LoadAndSave(h.loadUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if web.CurrentUser(r.Context()) == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
			web.WriteError(w, http.StatusUnauthorized, "log in first, or send an access token in the header Authorization: Bearer ACCESS_TOKEN (get one from POST /api/auth/token)")
			return
		}
		next.ServeHTTP(w, r)
	})))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			withToken.ServeHTTP(w, r)
			return
		}
		withSession.ServeHTTP(w, r)
	})
}
