// Tests for auth through the whole app (routes and middleware as in production): cross-site
// posts are refused, the navigation shows who is logged in, and no secret reaches the log.

package server

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/testutil"
)

// siteClient talks to the app over HTTP like a browser: it keeps cookies and does not
// follow redirects.
type siteClient struct {
	t      *testing.T
	base   string
	client *http.Client
}

// newSite serves the whole app on a fresh database and creates ada@example.com.
func newSite(t *testing.T, cfg config.Config, logger *slog.Logger) (*siteClient, *auth.Service) {
	t.Helper()
	db := testutil.NewDB(t)
	handler, err := New(cfg, logger, db)
	if err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	accounts := auth.NewService(cfg, db, logger)
	if _, err := accounts.CreateUser(t.Context(), "ada@example.com", "correct horse battery", auth.RoleUser); err != nil {
		t.Fatal(err)
	}
	return newSiteClient(t, server.URL), accounts
}

func newSiteClient(t *testing.T, base string) *siteClient {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &siteClient{t: t, base: base, client: client}
}

// send makes a request; header holds extra headers such as Sec-Fetch-Site.
func (c *siteClient) send(method, path, contentType, body string, header map[string]string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequestWithContext(c.t.Context(), method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, string(data)
}

func (c *siteClient) postForm(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	return c.send(http.MethodPost, path, "application/x-www-form-urlencoded", form.Encode(), map[string]string{"Sec-Fetch-Site": "same-origin"})
}

func (c *siteClient) postJSON(path string, value any, header map[string]string) (*http.Response, map[string]string) {
	c.t.Helper()
	data, _ := json.Marshal(value)
	resp, body := c.send(http.MethodPost, path, "application/json", string(data), header)
	var answer map[string]string
	json.Unmarshal([]byte(body), &answer)
	return resp, answer
}

func (c *siteClient) cookie() string {
	u, _ := url.Parse(c.base)
	for _, cookie := range c.client.Jar.Cookies(u) {
		if cookie.Name == "session" {
			return cookie.Value
		}
	}
	return ""
}

func TestCrossSiteAuthPostsAreRefused(t *testing.T) {
	cfg := testutil.Config(t)
	cfg.EmergencyAccessEnabled = true
	site, _ := newSite(t, cfg, testutil.Logger(t))
	crossSite := map[string]string{"Sec-Fetch-Site": "cross-site"}
	for _, path := range []string{"/login", "/logout", "/account/password", "/emergency-access", "/api/auth/token", "/api/auth/refresh"} {
		body := url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}}.Encode()
		resp, answer := site.send(http.MethodPost, path, "application/x-www-form-urlencoded", body, crossSite)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: status %d, want 403", path, resp.StatusCode)
		}
		if strings.HasPrefix(path, "/api/") && !strings.Contains(answer, `"error"`) {
			t.Errorf("cross-site POST %s: %q, want a JSON error", path, answer)
		}
		if site.cookie() != "" {
			t.Fatalf("cross-site POST %s logged in", path)
		}
	}
	// The same login from our own page works.
	resp, _ := site.postForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	if resp.StatusCode != http.StatusSeeOther || site.cookie() == "" {
		t.Errorf("same-site login: status %d, want 303 and a session", resp.StatusCode)
	}
}

func TestNavigationShowsWhoIsLoggedIn(t *testing.T) {
	site, _ := newSite(t, testutil.Config(t), testutil.Logger(t))
	_, body := site.send(http.MethodGet, "/", "", "", nil)
	if !strings.Contains(body, `id="nav-login"`) || strings.Contains(body, `id="nav-user"`) {
		t.Error("a visitor's navigation should offer to log in")
	}
	site.postForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	_, body = site.send(http.MethodGet, "/", "", "", nil)
	if !strings.Contains(body, `id="nav-user"`) || !strings.Contains(body, `>ada@example.com</a>`) || !strings.Contains(body, `id="logout-button"`) {
		t.Errorf("the navigation does not show the logged-in user and a logout button:\n%s", body)
	}
	// No state changes on GET: logging out takes a POST (GET /logout is 405 Method Not Allowed).
	if resp, _ := site.send(http.MethodGet, "/logout", "", "", nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /logout: status %d, want 405", resp.StatusCode)
	}
	if resp, _ := site.send(http.MethodGet, "/account", "", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("after GET /logout, /account: status %d, want 200 (still logged in)", resp.StatusCode)
	}
}

// TestLogsHoldNoSecrets goes through every auth flow with the log in a buffer, then checks
// that no password, token, cookie or key appears in it.
func TestLogsHoldNoSecrets(t *testing.T) {
	var logs bytes.Buffer
	cfg := testutil.Config(t)
	cfg.EmergencyAccessEnabled = true
	site, accounts := newSite(t, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	secrets := []string{cfg.SecretKey, "correct horse battery", "a brand new secret", "an emergency secret", "typed-into-the-email-box"}

	// The login form, a mistake, the account pages and a password change.
	site.postForm("/login", url.Values{"email": {"typed-into-the-email-box"}, "password": {"correct horse battery"}})
	site.postForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	secrets = append(secrets, site.cookie())
	site.send(http.MethodGet, "/account", "", "", nil)
	site.postForm("/account/password", url.Values{"current_password": {"correct horse battery"},
		"new_password": {"a brand new secret"}, "new_password_again": {"a brand new secret"}})
	secrets = append(secrets, site.cookie())

	// The API: tokens, /api/me, a refresh, a reused refresh token and a bad access token.
	_, tokens := site.postJSON("/api/auth/token", map[string]string{"email": "ada@example.com", "password": "a brand new secret"}, nil)
	site.send(http.MethodGet, "/api/me", "", "", map[string]string{"Authorization": "Bearer " + tokens["access_token"]})
	_, refreshed := site.postJSON("/api/auth/refresh", map[string]string{"refresh_token": tokens["refresh_token"]}, nil)
	site.postJSON("/api/auth/refresh", map[string]string{"refresh_token": tokens["refresh_token"]}, nil)
	site.send(http.MethodGet, "/api/me", "", "", map[string]string{"Authorization": "Bearer " + tokens["access_token"] + "x"})
	secrets = append(secrets, tokens["access_token"], tokens["refresh_token"], refreshed["access_token"], refreshed["refresh_token"])

	// Emergency access, used once and then refused.
	token, err := accounts.CreateEmergencyToken(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	site.send(http.MethodGet, "/emergency-access?token="+token, "", "", nil)
	form := url.Values{"token": {token}, "email": {"ada@example.com"}, "password": {"an emergency secret"}}
	site.postForm("/emergency-access", form)
	site.postForm("/emergency-access", form)
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
