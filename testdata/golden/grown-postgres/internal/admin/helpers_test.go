// Helpers for the admin tests: the whole app on a fresh test database, users with chosen
// roles and permissions, and a small browser that logs in and keeps its cookie.

package admin_test

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
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
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return &site{t: t, url: srv.URL, db: db, accounts: auth.NewService(cfg, db, logger)}
}

// user creates a user with role, in a group granted perms ("notes.view"), and returns a
// browser logged in as them.
func (s *site) user(email string, role auth.Role, perms ...string) *browser {
	s.t.Helper()
	ctx := s.t.Context()
	user, err := s.accounts.CreateUser(ctx, email, testPassword, role)
	if err != nil {
		s.t.Fatal(err)
	}
	if len(perms) > 0 {
		group, err := s.accounts.CreateGroup(ctx, "group of "+email)
		if err != nil {
			s.t.Fatal(err)
		}
		if err := s.accounts.AddToGroup(ctx, user.ID, group.ID); err != nil {
			s.t.Fatal(err)
		}
		for _, perm := range perms {
			model, action, _ := strings.Cut(perm, ".")
			if err := s.accounts.Grant(ctx, group.ID, model, action); err != nil {
				s.t.Fatal(err)
			}
		}
	}
	b := s.anonymous()
	if status, body := b.post("/login", url.Values{"email": {email}, "password": {testPassword}}); status != http.StatusSeeOther {
		s.t.Fatalf("login as %s: status %d\n%s", email, status, body)
	}
	return b
}

// anonymous returns a browser that is not logged in.
func (s *site) anonymous() *browser {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: s.t, base: s.url, client: client}
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

// serve answers the admin's routes, as routes.go does, to a superuser, and returns a browser.
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
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r.WithContext(web.WithUser(r.Context(), super)))
	}))
	t.Cleanup(srv.Close)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: t, base: srv.URL, client: client}
}

// browser keeps cookies like a real one, but does not follow redirects, so tests see them.
type browser struct {
	t      *testing.T
	base   string
	client *http.Client
}

func (b *browser) do(method, path string, body io.Reader, header http.Header) (int, string) {
	b.t.Helper()
	req, err := http.NewRequestWithContext(b.t.Context(), method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for name, values := range header {
		req.Header[name] = values
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	return b.do(http.MethodGet, path, nil, nil)
}

func (b *browser) post(path string, form url.Values) (int, string) {
	b.t.Helper()
	return b.do(http.MethodPost, path, strings.NewReader(form.Encode()), nil)
}
