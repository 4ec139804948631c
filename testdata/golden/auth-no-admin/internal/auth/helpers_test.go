// Helpers for the auth tests: a Service on a fresh test database with fast password hashing
// and a clock the test controls, and the auth routes on a test server for testutil.Client.

package auth

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
	mux.Handle("GET /account", h.RequireLogin(http.HandlerFunc(h.Account)))
	mux.Handle("GET /account/password", h.RequireLogin(http.HandlerFunc(h.PasswordForm)))
	mux.Handle("POST /account/password", h.RequireLogin(http.HandlerFunc(h.ChangePassword)))
	if h.EmergencyAccessEnabled() {
		mux.HandleFunc("GET /emergency-access", h.EmergencyForm)
		mux.HandleFunc("POST /emergency-access", h.UseEmergency)
	}
	mux.HandleFunc("POST /api/auth/token", h.Token)
	mux.HandleFunc("POST /api/auth/refresh", h.Refresh)
	mux.Handle("GET /api/me", h.RequireUser(http.HandlerFunc(h.Me)))
	mux.HandleFunc("/api/", APINotFound)
	server := httptest.NewServer(h.Sessions(mux))
	t.Cleanup(server.Close)
	return server, h
}

// newBrowser returns a client of server with no cookies yet: one more visitor.
func newBrowser(t *testing.T, server *httptest.Server) *testutil.Client {
	return testutil.NewClient(t, server.URL)
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
