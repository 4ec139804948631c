// The harness of the auth tests that go through HTTP: the whole app as production serves it
// (server.New, with the real routes.go and middleware) on a fresh test database, its auth
// Service to set up users, and a clock the test moves. Each visitor is a testutil.Client.
//
// These tests are in package auth_test, outside auth, because internal/server imports auth:
// package auth's own tests cannot import server. What they need from inside auth is in
// export_test.go.

package auth_test

import (
	"database/sql"
	"log/slog"
	"net/http"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/models"
	"myapp/internal/server"
	"myapp/internal/testutil"
)

// site is the app on a test server, with what a test needs to set it up and check it.
type site struct {
	t        *testing.T
	url      string
	cfg      config.Config
	db       *sql.DB
	accounts *auth.Service
	clock    *testutil.Clock
}

// newSite serves the whole app. change, if given, adjusts the configuration first.
func newSite(t *testing.T, change ...func(*config.Config)) *site {
	t.Helper()
	return newSiteWithLogger(t, testutil.Logger(t), change...)
}

// newSiteWithLogger is newSite with the app's log going to logger.
func newSiteWithLogger(t *testing.T, logger *slog.Logger, change ...func(*config.Config)) *site {
	t.Helper()
	cfg := testutil.Config(t)
	for _, c := range change {
		c(&cfg)
	}
	deps := server.NewDeps(cfg, logger, testutil.NewDB(t))
	clock := auth.ForTests(deps.Accounts) // fast hashing, and a clock the test moves
	handler, err := server.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	url := testutil.Serve(t, handler).URL
	return &site{t: t, url: url, cfg: cfg, db: deps.DB, accounts: deps.Accounts, clock: clock}
}

// browser returns a new visitor, with no cookies yet.
func (s *site) browser() *testutil.Client {
	return testutil.NewClient(s.t, s.url)
}

// createUser adds a user or stops the test.
func (s *site) createUser(email, password string, role auth.Role) models.User {
	s.t.Helper()
	return auth.MustCreateUser(s.t, s.accounts, email, password, role)
}

// bearer returns the header that sends an access token.
func bearer(token string) http.Header {
	return http.Header{"Authorization": {"Bearer " + token}}
}
