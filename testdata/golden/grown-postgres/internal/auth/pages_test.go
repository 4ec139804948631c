// Tests for the login, logout, account and password pages through a real HTTP server:
// cookies, session ids, redirects and error answers, as a browser sees them.

package auth_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/config"
)

func TestLoginFormFields(t *testing.T) {
	s := newSite(t)
	resp, body := s.browser().Get("/login?next=/account")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	// Browser tests and password managers rely on these names and ids.
	for _, want := range []string{`action="/login"`, `id="login-email" name="email"`, `id="login-password" name="password"`,
		`name="next" value="/account"`, `id="login-submit"`, `autocomplete="current-password"`, `id="nav-login"`} {
		if !strings.Contains(body, want) {
			t.Errorf("login page lacks %s", want)
		}
	}
}

// TestLoginPageHintsAtTheDevelopmentSuperuser: in development, while the superuser that serve
// creates exists, the login page says where its password was shown, on the form and when it
// comes back with an error; never in production, and not before that account exists.
func TestLoginPageHintsAtTheDevelopmentSuperuser(t *testing.T) {
	const hint = `id="login-dev-hint"`
	for _, environment := range []string{config.Development, config.Production} {
		t.Run(environment, func(t *testing.T) {
			s := newSite(t, func(c *config.Config) { c.Environment = environment })
			b := s.browser()
			if _, body := b.Get("/login"); strings.Contains(body, hint) {
				t.Error("the hint shows before the development superuser exists")
			}
			if _, err := s.accounts.CreateDevSuperuser(t.Context()); err != nil {
				t.Fatal(err)
			}
			_, form := b.Get("/login")
			_, refused := b.PostForm("/login", url.Values{"email": {auth.DevSuperuserEmail}, "password": {"not its password"}})
			for page, body := range map[string]string{"the form": form, "a refused login": refused} {
				shown := strings.Contains(body, hint)
				if want := environment == config.Development; shown != want {
					t.Errorf("%s: hint shown %v, want %v", page, shown, want)
				}
				if shown && (!strings.Contains(body, "<strong>"+auth.DevSuperuserEmail+"</strong>") || !strings.Contains(body, "go run . changepassword "+auth.DevSuperuserEmail)) {
					t.Errorf("%s: the hint does not name the account and how to reset its password", page)
				}
			}
		})
	}
}

func TestLoginStartsANewSessionWithSafeCookies(t *testing.T) {
	for _, environment := range []string{config.Development, config.Production} {
		t.Run(environment, func(t *testing.T) {
			s := newSite(t, func(c *config.Config) { c.Environment = environment })
			s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
			b := s.browser()
			planted := auth.AnonymousSession(t, s.accounts) // a session id an attacker could have set in the browser
			b.SetCookie("session", planted)

			resp, _ := b.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
				t.Fatalf("status %d to %q, want 303 to /", resp.StatusCode, resp.Header.Get("Location"))
			}
			cookie := sessionCookie(t, resp)
			if cookie.Value == planted {
				t.Error("the session id did not change at login: a planted id would log its planter in")
			}
			if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Secure != (environment == config.Production) {
				t.Errorf("cookie HttpOnly %v, SameSite %v, Secure %v; want HttpOnly, Lax, Secure only in production",
					cookie.HttpOnly, cookie.SameSite, cookie.Secure)
			}
			if auth.SessionExists(t, s.accounts, planted) {
				t.Error("the planted session still exists after login")
			}
			// The session cookie is not Secure in development, so this plain-HTTP browser sends it.
			if environment == config.Development {
				if _, body := b.Get("/account"); !strings.Contains(body, `id="nav-user"`) || !strings.Contains(body, "ada@example.com") {
					t.Errorf("after login the navigation does not show the user:\n%s", body)
				}
			}
		})
	}
}

func TestLoginGoesOnlyToLocalNext(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	tests := map[string]string{ // next -> where login goes
		"":                          "/",
		"/account":                  "/account",
		"/notes?page=2":             "/notes?page=2",
		"//evil.example":            "/",
		"https://evil.example/":     "/",
		"/\\evil.example":           "/",
		"javascript:alert(1)":       "/",
		"account":                   "/",                     // not a path: a browser would resolve it against /login
		"/%0d%0aSet-Cookie:x=y":     "/%0d%0aSet-Cookie:x=y", // escaped: a harmless local path
		"/ok\r\nSet-Cookie: x=y":    "/",
		"http:/\\/evil.example":     "/",
		"///evil.example/path":      "/",
		"/@evil.example":            "/@evil.example",
		"https://localhost/account": "/",
	}
	for next, want := range tests {
		t.Run(next, func(t *testing.T) {
			b := s.browser()
			resp, _ := b.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}, "next": {next}})
			if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != want {
				t.Errorf("status %d to %q, want 303 to %q", resp.StatusCode, got, want)
			}
		})
	}
}

func TestLoginProblems(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	inactive := s.createUser("old@example.com", "correct horse battery", auth.RoleUser)
	s.accounts.SetActive(t.Context(), inactive.Email, false)

	tests := []struct {
		name, email, password string
		wantStatus            int
		wantInBody            string
	}{
		{"wrong password", "ada@example.com", "not my password", http.StatusUnauthorized, "Wrong email or password"},
		{"unknown email", "eve@example.com", "not my password", http.StatusUnauthorized, "Wrong email or password"},
		{"empty password", "ada@example.com", "", http.StatusUnprocessableEntity, "Enter your email and your password"},
		{"deactivated", "old@example.com", "correct horse battery", http.StatusForbidden, "deactivated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := s.browser().PostForm("/login", url.Values{"email": {tt.email}, "password": {tt.password}})
			if resp.StatusCode != tt.wantStatus || !strings.Contains(body, tt.wantInBody) {
				t.Errorf("status %d, want %d with %q", resp.StatusCode, tt.wantStatus, tt.wantInBody)
			}
			if !strings.Contains(body, `value="`+tt.email+`"`) {
				t.Error("the email typed is not kept in the form")
			}
			if tt.password != "" && strings.Contains(body, tt.password) {
				t.Error("the page shows the password typed")
			}
			if cookies := resp.Cookies(); len(cookies) > 0 {
				t.Errorf("a failed login set cookies %v", cookies)
			}
		})
	}
}

func TestLoginIsThrottledWith429(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	for i := range auth.MaxFailuresPerAccountAndClient {
		if resp, _ := b.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"guess " + strconv.Itoa(i)}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i+1, resp.StatusCode)
		}
	}
	resp, body := b.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many failed logins") {
		t.Fatalf("status %d, want 429 with an explanation", resp.StatusCode)
	}
	seconds, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || seconds < 1 || seconds > int(auth.ThrottleWindow.Seconds()) {
		t.Errorf("Retry-After %q, want seconds until the window ends", resp.Header.Get("Retry-After"))
	}
}

func TestPrivatePagesRedirectToLogin(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/account", "/account/password"} {
		resp, _ := s.browser().Get(path)
		if want := "/login?next=" + url.QueryEscape(path); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: status %d to %q, want 303 to %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	b.Login("ada@example.com", "correct horse battery")
	loggedIn := b.Cookie("session")

	resp, _ := b.PostForm("/logout", nil)
	if resp.StatusCode != http.StatusSeeOther || b.Cookie("session") != "" {
		t.Fatalf("logout: status %d, cookie %q; want 303 and the cookie removed", resp.StatusCode, b.Cookie("session"))
	}
	b.SetCookie("session", loggedIn) // a copy of the old cookie must be worthless now
	if resp, _ := b.Get("/account"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the old session id still opens /account (status %d)", resp.StatusCode)
	}
	if resp, _ := b.Get("/logout"); resp.StatusCode == http.StatusSeeOther {
		t.Error("GET /logout logged out: only a POST may change state")
	}
}

func TestSessionsExpire(t *testing.T) {
	tests := []struct {
		name                  string
		idle, lifetime, pause time.Duration
		visits                int
	}{
		// Idle expiry: one pause longer than the idle timeout ends the session.
		{"idle", 30 * time.Minute, 10 * time.Hour, time.Hour, 1},
		// Absolute expiry: regular visits keep an idle timer alive, but not past the lifetime.
		// scs sets the deadline (login plus the lifetime) by the real clock, not the test's:
		// the visits overshoot it by half an hour, so a slow machine cannot keep it alive.
		{"absolute", time.Hour, 2 * time.Hour, 50 * time.Minute, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, func(c *config.Config) { c.SessionIdleTimeout, c.SessionLifetime = tt.idle, tt.lifetime })
			s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
			b := s.browser()
			b.Login("ada@example.com", "correct horse battery")
			if resp, _ := b.Get("/account"); resp.StatusCode != http.StatusOK {
				t.Fatalf("right after login: status %d", resp.StatusCode)
			}
			var resp *http.Response
			for range tt.visits {
				s.clock.Advance(tt.pause)
				resp, _ = b.Get("/account")
			}
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("after the session should have expired: status %d, want a redirect to /login", resp.StatusCode)
			}
		})
	}
}

func TestChangePassword(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b, elsewhere := s.browser(), s.browser()
	b.Login("ada@example.com", "correct horse battery")
	elsewhere.Login("ada@example.com", "correct horse battery")

	form := func(current, password, again string) url.Values {
		return url.Values{"current_password": {current}, "new_password": {password}, "new_password_again": {again}}
	}
	for _, tt := range []struct {
		name     string
		form     url.Values
		wantText string
	}{
		{"wrong current password", form("not my password", "a brand new secret", "a brand new secret"), "current password is not right"},
		{"new passwords differ", form("correct horse battery", "a brand new secret", "a brand new secrex"), "not the same"},
		{"common new password", form("correct horse battery", "password123", "password123"), "most common"},
	} {
		resp, body := b.PostForm("/account/password", tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.wantText) {
			t.Errorf("%s: status %d, want 422 with %q", tt.name, resp.StatusCode, tt.wantText)
		}
	}

	before := b.Cookie("session")
	resp, _ := b.PostForm("/account/password", form("correct horse battery", "a brand new secret", "a brand new secret"))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account" {
		t.Fatalf("status %d to %q, want 303 to /account", resp.StatusCode, resp.Header.Get("Location"))
	}
	if b.Cookie("session") == before {
		t.Error("the session id did not change with the password")
	}
	if _, body := b.Get("/account"); !strings.Contains(body, "Your password was changed") {
		t.Error("this browser is not logged in any more, or the confirmation is missing")
	}
	if resp, _ := elsewhere.Get("/account"); resp.StatusCode != http.StatusSeeOther {
		t.Error("another browser is still logged in after the password changed")
	}
	if _, err := s.accounts.Authenticate(t.Context(), "ada@example.com", "correct horse battery", "192.0.2.1"); err == nil {
		t.Error("the old password still works")
	}
	if _, err := s.accounts.Authenticate(t.Context(), "ada@example.com", "a brand new secret", "192.0.2.1"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
}

func TestDeactivatedUserIsLoggedOut(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	b.Login("ada@example.com", "correct horse battery")
	if err := s.accounts.SetActive(t.Context(), "ada@example.com", false); err != nil {
		t.Fatal(err)
	}
	if resp, _ := b.Get("/account"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("status %d, want the deactivated user sent to /login", resp.StatusCode)
	}
}

func sessionCookie(t *testing.T, resp *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == "session" {
			return c
		}
	}
	t.Fatalf("no session cookie in %v", resp.Header["Set-Cookie"])
	return nil
}
