// The login, logout, account and change-password pages. Forms post back to the same URL;
// a problem shows the form again with a message, success redirects (so reloading never
// posts twice). Their templates are internal/web/templates/pages/{login,account,password}.html.

package auth

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"myapp/internal/models"
	"myapp/internal/web"
)

// loginView is what templates/pages/login.html shows.
type loginView struct {
	Email string // kept when the form comes back with an error; the password never is
	Next  string
	Error string
	// DevSuperuser is the email of the superuser serve created, in development while that
	// account exists, for a hint on the page; always "" in production.
	DevSuperuser string
}

// showLogin renders the login page, with the development hint when it applies.
func (h *Handlers) showLogin(w http.ResponseWriter, r *http.Request, status int, view loginView) {
	if !h.service.cfg.IsProduction() {
		if _, err := h.service.UserByEmail(r.Context(), DevSuperuserEmail); err == nil {
			view.DevSuperuser = DevSuperuserEmail
		}
	}
	h.render.Page(w, r, status, "login", view)
}

// LoginForm shows the login form. ?next=/some/page says where to go after logging in.
func (h *Handlers) LoginForm(w http.ResponseWriter, r *http.Request) {
	h.showLogin(w, r, http.StatusOK, loginView{Next: SafeNext(r.URL.Query().Get("next"))})
}

// Login checks the form's email and password. On success it starts a new session (a new id,
// so an id planted in the browser before login is worthless) and goes to next.
func (h *Handlers) Login(w http.ResponseWriter, r *http.Request) {
	view := loginView{Email: strings.TrimSpace(r.PostFormValue("email")), Next: SafeNext(r.PostFormValue("next"))}
	password := r.PostFormValue("password")
	if view.Email == "" || password == "" {
		view.Error = "Enter your email and your password."
		h.showLogin(w, r, http.StatusUnprocessableEntity, view)
		return
	}
	user, err := h.service.Authenticate(r.Context(), view.Email, password, web.ClientAddress(r))
	if status, message := loginProblem(w, err); status != 0 {
		if status == http.StatusInternalServerError {
			h.render.ServerError(w, r, err)
			return
		}
		view.Error = message
		h.showLogin(w, r, status, view)
		return
	}
	if err := h.startSession(r, user); err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.logger.Info("logged in", "user_id", user.ID)
	http.Redirect(w, r, view.Next, http.StatusSeeOther)
}

// loginProblem turns an error from Authenticate into a status and a message for the user;
// status 0 means there was no error. A throttled answer says when to try again, in the
// Retry-After header too.
func loginProblem(w http.ResponseWriter, err error) (status int, message string) {
	var throttled *ThrottledError
	switch {
	case err == nil:
		return 0, ""
	case errors.As(err, &throttled):
		web.SetRetryAfter(w, throttled.RetryAfter)
		return http.StatusTooManyRequests, "Too many failed logins. Try again in " + throttled.RetryAfter.Round(time.Second).String() + "."
	case errors.Is(err, ErrWrongCredentials):
		return http.StatusUnauthorized, "Wrong email or password."
	case errors.Is(err, ErrInactive):
		return http.StatusForbidden, "This account is deactivated. Ask an administrator to activate it."
	}
	return http.StatusInternalServerError, ""
}

// startSession logs user in on this browser: a fresh session id, the user's id and stamp.
func (h *Handlers) startSession(r *http.Request, user models.User) error {
	if err := h.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	h.sessions.Put(r.Context(), sessionUserID, user.ID)
	h.sessions.Put(r.Context(), sessionStamp, stampOf(user))
	return nil
}

// Logout ends the session: its row is deleted and the browser's cookie removed. It is a POST
// (a button in a form), so a link or image on another site cannot log anyone out.
func (h *Handlers) Logout(w http.ResponseWriter, r *http.Request) {
	if err := h.sessions.Destroy(r.Context()); err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// accountView is what templates/pages/account.html shows.
type accountView struct {
	User   models.User
	Role   Role
	Groups []models.AuthGroup
	Flash  string
}

// Account shows the logged-in user's profile. RequireLogin guards it in routes.go.
func (h *Handlers) Account(w http.ResponseWriter, r *http.Request) {
	user, err := h.sessionUser(r)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	groups, err := h.service.GroupsOf(r.Context(), user.ID)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	flash := h.sessions.PopString(r.Context(), sessionFlash)
	h.render.Page(w, r, http.StatusOK, "account", accountView{User: user, Role: RoleOf(user), Groups: groups, Flash: flash})
}

// passwordView is what templates/pages/password.html shows.
type passwordView struct {
	Error     string
	MinLength int
}

// PasswordForm shows the change-password form.
func (h *Handlers) PasswordForm(w http.ResponseWriter, r *http.Request) {
	h.render.Page(w, r, http.StatusOK, "password", passwordView{MinLength: MinPasswordLength})
}

// ChangePassword changes the logged-in user's password. The current password is required,
// so someone at an unlocked computer cannot take over the account; wrong guesses count
// towards the same throttling as logins.
func (h *Handlers) ChangePassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	current, password, again := r.PostFormValue("current_password"), r.PostFormValue("new_password"), r.PostFormValue("new_password_again")
	fail := func(status int, message string) {
		h.render.Page(w, r, status, "password", passwordView{Error: message, MinLength: MinPasswordLength})
	}
	if password != again {
		fail(http.StatusUnprocessableEntity, "The two new passwords are not the same.")
		return
	}
	if err := CheckPasswordRules(password); err != nil {
		fail(http.StatusUnprocessableEntity, "New "+err.Error()+".")
		return
	}
	user, err := h.service.CheckPassword(ctx, web.CurrentUser(ctx).Email, current, web.ClientAddress(r))
	if status, message := loginProblem(w, err); status != 0 {
		if status == http.StatusInternalServerError {
			h.render.ServerError(w, r, err)
			return
		}
		if status == http.StatusUnauthorized {
			status, message = http.StatusUnprocessableEntity, "Your current password is not right."
		}
		fail(status, message)
		return
	}
	if err := h.service.SetPassword(ctx, user.ID, password); err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	// This browser stays logged in, with a new session id and the new password's stamp;
	// sessions elsewhere hold the old stamp and end at their next request.
	user, err = h.service.activeUser(ctx, user.ID)
	if err == nil {
		err = h.startSession(r, user)
	}
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.logger.Info("password changed", "user_id", user.ID)
	h.sessions.Put(ctx, sessionFlash, "Your password was changed. Other browsers where you were logged in are logged out.")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// SafeNext returns next if it is a path on this site, and "/" otherwise. Checking it stops
// "open redirects": a link to our login page that sends people on to an attacker's copy of
// our site (https://evil.example, or //evil.example, which browsers read the same way).
func SafeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\x00\t\r\n") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}
