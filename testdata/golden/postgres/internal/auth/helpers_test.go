// Helpers for the auth tests: a Service on a fresh test database with fast password hashing
// and a clock the test controls, the auth routes on a test server, and a small browser.

package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"

	"myapp/internal/config"
	"myapp/internal/models"
	"myapp/internal/testutil"
	"myapp/internal/web"
)

// fastHashParams make hashing take microseconds instead of tens of milliseconds. Tests only:
// hashes this cheap are easy to crack.
var fastHashParams = argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// newTestService returns a Service on a fresh database. change, if given, adjusts the
// configuration first.
func newTestService(t *testing.T, change ...func(*config.Config)) (*Service, *testutil.Clock) {
	t.Helper()
	return newTestServiceWithLogger(t, testutil.Logger(t), change...)
}

func newTestServiceWithLogger(t *testing.T, logger *slog.Logger, change ...func(*config.Config)) (*Service, *testutil.Clock) {
	t.Helper()
	cfg := testutil.Config(t)
	for _, c := range change {
		c(&cfg)
	}
	s := NewService(cfg, testutil.NewDB(t), logger)
	s.hasher = NewHasher(fastHashParams)
	// PostgreSQL keeps microseconds: a clock without nanoseconds reads back exactly.
	clock := testutil.NewClock()
	s.now = clock.Now
	return s, clock
}

// createUser adds a user or stops the test.
func createUser(t *testing.T, s *Service, email, password string, role Role) models.User {
	t.Helper()
	user, err := s.CreateUser(t.Context(), email, password, role)
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", email, err)
	}
	return user
}

// newTestSite serves the auth routes the way internal/server/routes.go does, with sessions.
func newTestSite(t *testing.T, s *Service) (*httptest.Server, *Handlers) {
	t.Helper()
	render, err := web.NewRenderer(s.logger)
	if err != nil {
		t.Fatal(err)
	}
	h := NewHandlers(s, render)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", h.LoginForm)
	mux.HandleFunc("POST /login", h.Login)
	mux.HandleFunc("POST /logout", h.Logout)
	mux.Handle("GET /account", h.RequireLogin(h.Account))
	mux.Handle("GET /account/password", h.RequireLogin(h.PasswordForm))
	mux.Handle("POST /account/password", h.RequireLogin(h.ChangePassword))
	if h.EmergencyAccessEnabled() {
		mux.HandleFunc("GET /emergency-access", h.EmergencyForm)
		mux.HandleFunc("POST /emergency-access", h.UseEmergency)
	}
	mux.HandleFunc("POST /api/auth/token", h.Token)
	mux.HandleFunc("POST /api/auth/refresh", h.Refresh)
	mux.Handle("GET /api/me", h.RequireUser(h.Me))
	mux.HandleFunc("/api/", APINotFound)
	server := httptest.NewServer(h.Sessions(mux))
	t.Cleanup(server.Close)
	return server, h
}

// browser keeps cookies like a real one, but does not follow redirects, so tests see them.
type browser struct {
	t      *testing.T
	client *http.Client
	base   string
	header http.Header // sent with every request
}

func newBrowser(t *testing.T, server *httptest.Server) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &browser{t: t, client: client, base: server.URL, header: http.Header{}}
}

func (b *browser) do(method, path, contentType string, body io.Reader, header http.Header) (*http.Response, string) {
	b.t.Helper()
	req, err := http.NewRequestWithContext(b.t.Context(), method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for name, values := range b.header {
		req.Header[name] = values
	}
	for name, values := range header {
		req.Header[name] = values
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, string(data)
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	return b.do(http.MethodGet, path, "", nil, nil)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	return b.do(http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), nil)
}

// postJSON sends body as JSON with optional extra headers and decodes a JSON answer.
func (b *browser) postJSON(path string, body any, header http.Header) (*http.Response, map[string]any) {
	b.t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		b.t.Fatal(err)
	}
	resp, text := b.do(http.MethodPost, path, "application/json", bytes.NewReader(data), header)
	return resp, decodeJSON(b.t, resp, text)
}

func (b *browser) getJSON(path string, header http.Header) (*http.Response, map[string]any) {
	b.t.Helper()
	resp, text := b.do(http.MethodGet, path, "", nil, header)
	return resp, decodeJSON(b.t, resp, text)
}

func decodeJSON(t *testing.T, resp *http.Response, text string) map[string]any {
	t.Helper()
	if got := resp.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q, want application/json; body %s", got, text)
	}
	var value map[string]any
	if err := json.Unmarshal([]byte(text), &value); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", text, err)
	}
	return value
}

// session returns the session cookie's value in the browser, "" if none.
func (b *browser) session() string {
	u, _ := url.Parse(b.base)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == "session" {
			return c.Value
		}
	}
	return ""
}

// setSession puts a session cookie into the browser, as an attacker might.
func (b *browser) setSession(value string) {
	u, _ := url.Parse(b.base)
	b.client.Jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: value, Path: "/"}})
}

// login logs in through the form and fails the test unless it worked.
func (b *browser) login(email, password string) {
	b.t.Helper()
	resp, body := b.post("/login", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("login as %s: status %d, want 303\n%s", email, resp.StatusCode, body)
	}
}

// bearer returns the header that sends an access token.
func bearer(token string) http.Header {
	return http.Header{"Authorization": {"Bearer " + token}}
}

// anonymousSession creates a session for nobody, as any visitor could, and returns its id.
func anonymousSession(t *testing.T, h *Handlers) string {
	t.Helper()
	ctx, err := h.sessions.Load(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	h.sessions.Put(ctx, "visited", true)
	token, _, err := h.sessions.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return token
}
