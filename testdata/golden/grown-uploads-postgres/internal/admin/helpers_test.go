// Helpers for the admin tests: the whole app (server.New, with the real routes.go and
// middleware) on a fresh test database, users with chosen roles and permissions, each with a
// browser (testutil.Client) that keeps its cookie. A test may give the admin a table that only
// it declares (archiveTable in readonly_test.go): the app then serves it with the others.

package admin_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/models"
	"myapp/internal/server"
	"myapp/internal/testutil"
)

const testPassword = "correct horse battery"

// TestMain runs the admin's tests with cheap password hashing (testutil/passwords.go): they
// create and log in users by the hundred, and a real hash takes tens of milliseconds.
func TestMain(m *testing.M) {
	auth.DefaultHashParams = testutil.FastHashParams
	os.Exit(m.Run())
}

// site is the app as production serves it, with routes and middleware, on its own database.
type site struct {
	t        *testing.T
	url      string
	db       *sql.DB
	accounts *auth.Service
}

// newSite serves the whole app. extra are admin tables that only the test declares, served
// with admin.Tables().
func newSite(t *testing.T, extra ...admin.Table) *site {
	t.Helper()
	return newSiteWithConfig(t, testutil.Config(t), extra...)
}

// newSiteWithConfig is newSite with a configuration of the test's own (testutil.Config, changed).
func newSiteWithConfig(t *testing.T, cfg config.Config, extra ...admin.Table) *site {
	t.Helper()
	deps := server.NewDeps(cfg, testutil.Logger(t), testutil.NewDB(t))
	deps.AdminTables = append(deps.AdminTables, extra...)
	handler, err := server.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	return &site{t: t, url: testutil.Serve(t, handler).URL, db: deps.DB, accounts: deps.Accounts}
}

// user creates a user with role, in a group granted perms ("notes.view"), and returns a
// browser (testutil.Client) logged in as them (account is in authorization_test.go).
func (s *site) user(email string, role auth.Role, perms ...string) *testutil.Client {
	s.t.Helper()
	s.account(email, role, perms...)
	b := s.anonymous()
	b.Login(email, testPassword)
	return b
}

// anonymous returns a browser that is not logged in.
func (s *site) anonymous() *testutil.Client {
	return testutil.NewClient(s.t, s.url)
}

// addNote saves a note straight into the database and returns its id.
func (s *site) addNote(body string) int64 {
	s.t.Helper()
	note, err := models.New(s.db).CreateNote(context.Background(), body)
	if err != nil {
		s.t.Fatal(err)
	}
	return note.ID
}
