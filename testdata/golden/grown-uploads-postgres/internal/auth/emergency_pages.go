// The emergency access page, reached by the link that `go run . emergency-access` prints. Its
// routes exist only while EMERGENCY_ACCESS_ENABLED=true; template: pages/emergency.html.

package auth

import (
	"errors"
	"net/http"
	"strings"

	"myapp/internal/web"
)

// emergencyView is what templates/pages/emergency.html shows.
type emergencyView struct {
	Token     string // "" when the link cannot be used: the page then only says so
	Email     string
	Error     string
	Done      string
	MinLength int
}

// EmergencyForm shows the form when the link's token can still be used.
func (h *Handlers) EmergencyForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if err := h.service.CheckEmergencyToken(r.Context(), token, web.ClientAddress(r)); err != nil {
		h.emergencyRefused(w, r, err)
		return
	}
	h.render.Page(w, r, http.StatusOK, "emergency", emergencyView{Token: token, MinLength: MinPasswordLength})
}

// UseEmergency sets the password of the account with the form's email, or creates it as a
// superuser. Every use, and every refused try, is logged (without the token or password).
func (h *Handlers) UseEmergency(w http.ResponseWriter, r *http.Request) {
	token, email, password := r.PostFormValue("token"), strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("password")
	action, err := h.service.UseEmergencyToken(r.Context(), token, email, password, web.ClientAddress(r))
	switch {
	case errors.Is(err, ErrInvalidToken) || errors.As(err, new(*ThrottledError)):
		h.emergencyRefused(w, r, err)
	case errors.Is(err, ErrInvalidEmail) || errors.Is(err, ErrPasswordRules):
		view := emergencyView{Token: token, Email: email, Error: err.Error(), MinLength: MinPasswordLength}
		h.render.Page(w, r, http.StatusUnprocessableEntity, "emergency", view)
	case err != nil:
		h.render.ServerError(w, r, err)
	default:
		h.logger.Warn("emergency access used", "action", action, "email", NormalizeEmail(email), "client", web.ClientAddress(r))
		h.render.Page(w, r, http.StatusOK, "emergency", emergencyView{Done: action, Email: NormalizeEmail(email)})
	}
}

// emergencyRefused answers a link that cannot be used: 403 for an unknown, used or expired
// one, 429 with Retry-After after too many wrong ones from this address, 500 otherwise.
func (h *Handlers) emergencyRefused(w http.ResponseWriter, r *http.Request, err error) {
	status, message := loginProblem(w, err)
	switch {
	case errors.Is(err, ErrInvalidToken):
		h.logger.Warn("emergency access refused: unknown, used or expired link", "client", web.ClientAddress(r))
		h.render.Page(w, r, http.StatusForbidden, "emergency", emergencyView{})
	case status == http.StatusTooManyRequests:
		message = "Too many wrong links from your address. " + strings.TrimPrefix(message, "Too many failed logins. ")
		h.render.Page(w, r, status, "emergency", emergencyView{Error: message})
	default:
		h.render.ServerError(w, r, err)
	}
}
