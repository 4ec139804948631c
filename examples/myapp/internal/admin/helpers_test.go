// Helpers for the admin tests: the whole app (server.New) on a fresh test database, users with
// chosen roles and permissions, each with a browser (testutil.Client) that keeps its cookie.

package admin_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/models"
	"myapp/internal/server"
	"myapp/internal/testutil"
	"myapp/internal/web"
)

const testPassword = "correct horse battery"

// site is the app as production serves it, with routes and middleware, on its own database.
type site struct {
	t        *testing.T
	url      string
	db       *sql.DB
	accounts *auth.Service
}

func newSite(t *testing.T) *site {
	t.Helper()
	cfg, logger, db := testutil.Config(t), testutil.Logger(t), testutil.NewDB(t)
	handler, err := server.New(cfg, logger, db)
	if err != nil {
		t.Fatal(err)
	}
	return &site{t: t, url: testutil.Serve(t, handler).URL, db: db, accounts: auth.NewService(cfg, db, logger)}
}

// user creates a user with role, in a group granted perms ("notes.view"), and returns a
// browser logged in as them (account is in authorization_test.go).
func (s *site) user(email string, role auth.Role, perms ...string) *browser {
	s.t.Helper()
	s.account(email, role, perms...)
	b := s.anonymous()
	b.Login(email, testPassword)
	return b
}

// anonymous returns a browser that is not logged in.
func (s *site) anonymous() *browser {
	return &browser{testutil.NewClient(s.t, s.url), s.t}
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

// serveModels serves the admin's routes for the app's models plus extra: declarations that
// only a test makes. The user is a superuser whom the Guard lets do anything.
func serveModels(t *testing.T, db *sql.DB, extra ...admin.Model) *browser {
	t.Helper()
	return serve(t, newAdmin(t, db, extra...))
}

// newAdmin returns the admin for the app's models plus extra, for a test to adjust, then serve.
func newAdmin(t *testing.T, db *sql.DB, extra ...admin.Model) *admin.Handlers {
	t.Helper()
	logger := testutil.Logger(t)
	render, err := web.NewRenderer(logger)
	if err != nil {
		t.Fatal(err)
	}
	site, err := admin.NewHandlers(render, admin.NewStore(db), allowAll{}, logger, append(admin.Models(), extra...))
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// allowAll is a Guard that lets the test's superuser do anything.
type allowAll struct{}

func (allowAll) HasPerm(_ context.Context, _ int64, _, _ string) (bool, error) { return true, nil }
func (allowAll) HashPassword(context.Context, string) (string, error) {
	return "", errors.New("no passwords in this test")
}

// serve answers the admin's routes, as routes.go does, to a superuser, and returns a browser.
// It is for models that only a test declares (server.New serves admin.Models() alone): every
// other test goes through server.New (newSite).
func serve(t *testing.T, site *admin.Handlers) *browser {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /admin/{model}", site.List)
	mux.HandleFunc("GET /admin/{model}/export.csv", site.ExportCSV)
	mux.HandleFunc("GET /admin/{model}/lookup", site.Lookup)
	mux.HandleFunc("GET /admin/{model}/new", site.New)
	mux.HandleFunc("POST /admin/{model}/new", site.Create)
	mux.HandleFunc("POST /admin/{model}/bulk", site.Bulk)
	mux.HandleFunc("GET /admin/{model}/{id}", site.Edit)
	mux.HandleFunc("POST /admin/{model}/{id}", site.Update)
	mux.HandleFunc("GET /admin/{model}/{id}/delete", site.DeleteConfirm)
	mux.HandleFunc("POST /admin/{model}/{id}/delete", site.Delete)
	super := &web.User{ID: 1, Email: "super@example.com", IsStaff: true, IsSuperuser: true}
	asSuperuser := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r.WithContext(web.WithUser(r.Context(), super)))
	})
	return &browser{testutil.Serve(t, asSuperuser), t}
}

// browser is the tests' HTTP client (testutil.Client) with get, post and do that return the
// status instead of the whole response: the status is what most admin tests check.
type browser struct {
	*testutil.Client
	t testing.TB
}

func (b *browser) do(method, path string, body io.Reader, header http.Header) (int, string) {
	b.t.Helper()
	contentType := ""
	if body != nil {
		contentType = "application/x-www-form-urlencoded"
	}
	resp, text := b.Do(method, path, contentType, body, header)
	return resp.StatusCode, text
}

func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	return b.do(http.MethodGet, path, nil, nil)
}

func (b *browser) post(path string, form url.Values) (int, string) {
	b.t.Helper()
	return b.do(http.MethodPost, path, strings.NewReader(form.Encode()), nil)
}
