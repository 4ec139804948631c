// Tests for auth through the whole app (routes and middleware as in production): cross-site
// posts are refused, the navigation shows who is logged in, and no secret reaches the log.

package server

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/testutil"
)

// newSite serves the whole app on a fresh database and creates ada@example.com.
func newSite(t *testing.T, cfg config.Config, logger *slog.Logger) (*testutil.Client, *auth.Service) {
	t.Helper()
	site, deps := newTestApp(t, cfg, logger)
	if _, err := deps.Accounts.CreateUser(t.Context(), "ada@example.com", "correct horse battery", auth.RoleUser); err != nil {
		t.Fatal(err)
	}
	return site, deps.Accounts
}

func TestCrossSiteAuthPostsAreRefused(t *testing.T) {
	cfg := testutil.Config(t)
	cfg.EmergencyAccessEnabled = true
	site, _ := newSite(t, cfg, testutil.Logger(t))
	crossSite := http.Header{"Sec-Fetch-Site": {"cross-site"}}
	for _, path := range []string{"/login", "/logout", "/account/password", "/emergency-access", "/api/auth/token", "/api/auth/refresh"} {
		body := url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}}.Encode()
		resp, answer := site.Do(http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(body), crossSite)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: status %d, want 403", path, resp.StatusCode)
		}
		if strings.HasPrefix(path, "/api/") && !strings.Contains(answer, `"error"`) {
			t.Errorf("cross-site POST %s: %q, want a JSON error", path, answer)
		}
		if site.Cookie("session") != "" {
			t.Fatalf("cross-site POST %s logged in", path)
		}
	}
	// The same login from our own page works.
	resp, _ := site.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	if resp.StatusCode != http.StatusSeeOther || site.Cookie("session") == "" {
		t.Errorf("same-site login: status %d, want 303 and a session", resp.StatusCode)
	}
}

func TestNavigationShowsWhoIsLoggedIn(t *testing.T) {
	site, _ := newSite(t, testutil.Config(t), testutil.Logger(t))
	_, body := site.Get("/")
	if !strings.Contains(body, `id="nav-login"`) || strings.Contains(body, `id="nav-user"`) {
		t.Error("a visitor's navigation should offer to log in")
	}
	site.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	_, body = site.Get("/")
	if !strings.Contains(body, `id="nav-user"`) || !strings.Contains(body, `>ada@example.com</a>`) || !strings.Contains(body, `id="logout-button"`) {
		t.Errorf("the navigation does not show the logged-in user and a logout button:\n%s", body)
	}
	// No state changes on GET: logging out takes a POST (GET /logout is 405 Method Not Allowed).
	if resp, _ := site.Get("/logout"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /logout: status %d, want 405", resp.StatusCode)
	}
	if resp, _ := site.Get("/account"); resp.StatusCode != http.StatusOK {
		t.Errorf("after GET /logout, /account: status %d, want 200 (still logged in)", resp.StatusCode)
	}
}

// TestLogsHoldNoSecrets goes through every auth flow with the log in a buffer, then checks
// that no password, token, cookie or key appears in it.
func TestLogsHoldNoSecrets(t *testing.T) {
	var logs testutil.LogBuffer
	cfg := testutil.Config(t)
	cfg.EmergencyAccessEnabled = true
	site, accounts := newSite(t, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	secrets := []string{cfg.SecretKey, "correct horse battery", "a brand new secret", "an emergency secret", "typed-into-the-email-box"}

	// The login form, a mistake, the account pages and a password change.
	site.PostForm("/login", url.Values{"email": {"typed-into-the-email-box"}, "password": {"correct horse battery"}})
	site.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	secrets = append(secrets, site.Cookie("session"))
	site.Get("/account")
	site.PostForm("/account/password", url.Values{"current_password": {"correct horse battery"},
		"new_password": {"a brand new secret"}, "new_password_again": {"a brand new secret"}})
	secrets = append(secrets, site.Cookie("session"))

	// The API: tokens, /api/me, a refresh, a reused refresh token and a bad access token.
	_, tokens := site.PostJSON("/api/auth/token", map[string]string{"email": "ada@example.com", "password": "a brand new secret"}, nil)
	site.Do(http.MethodGet, "/api/me", "", nil, http.Header{"Authorization": {"Bearer " + tokens["access_token"].(string)}})
	_, refreshed := site.PostJSON("/api/auth/refresh", map[string]string{"refresh_token": tokens["refresh_token"].(string)}, nil)
	site.PostJSON("/api/auth/refresh", map[string]string{"refresh_token": tokens["refresh_token"].(string)}, nil)
	site.Do(http.MethodGet, "/api/me", "", nil, http.Header{"Authorization": {"Bearer " + tokens["access_token"].(string) + "x"}})
	secrets = append(secrets, tokens["access_token"].(string), tokens["refresh_token"].(string), refreshed["access_token"].(string), refreshed["refresh_token"].(string))

	// Emergency access, used once and then refused.
	token, err := accounts.CreateEmergencyToken(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	site.Get("/emergency-access?token=" + token)
	form := url.Values{"token": {token}, "email": {"ada@example.com"}, "password": {"an emergency secret"}}
	site.PostForm("/emergency-access", form)
	site.PostForm("/emergency-access", form)
	secrets = append(secrets, token)

	log := logs.String()
	for _, want := range []string{"logged in", "login failed", "password changed", "emergency access used", "emergency access refused"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q, so this test did not go through every flow:\n%s", want, log)
		}
	}
	for _, secret := range secrets {
		if secret == "" {
			t.Fatal("a flow above failed: a secret to look for is empty")
		}
		if strings.Contains(log, secret) {
			t.Errorf("the log holds the secret %q:\n%s", secret, log)
		}
	}
}
