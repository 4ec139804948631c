// Tests for the whole HTTP app: routes, error pages, health checks and middleware, on a
// real database. Add a row to TestPages when you add a page.

package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/config"
	"myapp/internal/testutil"
	"myapp/internal/web"
)

// newTestApp serves the whole app as production serves it (New) on a fresh test database, and
// returns a visitor of it (testutil.Client) and the Deps it is built from, for a test to set up
// rows or check them.
func newTestApp(t *testing.T, cfg config.Config, logger *slog.Logger) (*testutil.Client, Deps) {
	t.Helper()
	deps := NewDeps(cfg, logger, testutil.NewDB(t))
	handler, err := New(deps)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	return testutil.Serve(t, handler), deps
}

// serve sends one request to handler and returns the response and its body: for a middleware
// tested alone, without the app around it.
func serve(t *testing.T, handler http.Handler, req *http.Request) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(body)
}

func TestPages(t *testing.T) {
	site, _ := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	tests := []struct {
		path       string
		wantStatus int
		wantInBody []string
	}{
		{"/", http.StatusOK, []string{"<title>Home", `href="/healthz"`}},
		{"/notes", http.StatusOK, []string{"<title>Notes", `hx-post="/notes"`, "No notes yet"}},
		{"/demo", http.StatusOK, []string{"<title>Design demo", `id="load-partial"`}},
		{"/demo/partial", http.StatusOK, []string{`data-testid="partial-loaded"`}},
		{"/static/favicon.svg", http.StatusOK, []string{"<svg"}},
		{"/no/such/page", http.StatusNotFound, []string{"<title>Page not found", "/no/such/page", `class="navbar`}},
		{"/static/", http.StatusNotFound, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := site.Get(tt.path)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			for _, want := range tt.wantInBody {
				if !strings.Contains(body, want) {
					t.Errorf("body does not contain %q", want)
				}
			}
		})
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	site, _ := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	for _, path := range []string{"/", "/no/such/page", "/healthz"} {
		resp, _ := site.Get(path)
		for header, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
		} {
			if got := resp.Header.Get(header); got != want {
				t.Errorf("%s: %s = %q, want %q", path, header, got, want)
			}
		}
	}
}

func TestStrictTransportSecurityOnlyInProduction(t *testing.T) {
	production := testutil.Config(t)
	production.Environment = config.Production
	for _, tt := range []struct {
		cfg  config.Config
		want string
	}{
		{testutil.Config(t), ""},
		{production, "max-age=31536000"},
	} {
		site, _ := newTestApp(t, tt.cfg, testutil.Logger(t))
		resp, _ := site.Get("/")
		if got := resp.Header.Get("Strict-Transport-Security"); got != tt.want {
			t.Errorf("%s: Strict-Transport-Security = %q, want %q", tt.cfg.Environment, got, tt.want)
		}
	}
}

func TestHealthAndReadiness(t *testing.T) {
	site, deps := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	check := func(path string, wantStatus int, want map[string]string) {
		t.Helper()
		resp, body := site.Get(path)
		if resp.StatusCode != wantStatus {
			t.Errorf("%s: status %d, want %d", path, resp.StatusCode, wantStatus)
		}
		var got map[string]string
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%s: body %q is not JSON: %v", path, body, err)
		}
		for key, value := range want {
			if got[key] != value {
				t.Errorf("%s: %s = %q, want %q (body %s)", path, key, got[key], value, body)
			}
		}
		if strings.Contains(body, "sqlite:") || strings.Contains(body, "postgres") {
			t.Errorf("%s: body %s reveals the database URL", path, body)
		}
	}
	check("/healthz", http.StatusOK, map[string]string{"status": "ok"})
	check("/readyz", http.StatusOK, map[string]string{"status": "ok", "database": "ok"})

	deps.DB.Close() // the database goes away: the app is alive but not ready
	check("/healthz", http.StatusOK, map[string]string{"status": "ok"})
	check("/readyz", http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "unreachable"})
}

// TestCrossSitePostIsRefused sends a form post the way a browser would from another site
// (refused) and from our own pages (let through to the handler).
func TestCrossSitePostIsRefused(t *testing.T) {
	site, _ := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	form := url.Values{"body": {"written by another site"}}.Encode()
	tests := []struct {
		name       string
		headers    map[string]string
		wantStatus int
	}{
		{"another site, modern browser", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"another site, older browser", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"our own page", map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			browser := testutil.NewClient(t, site.URL)
			browser.Header = http.Header{} // only the headers of the test
			header := http.Header{}
			for k, v := range tt.headers {
				header.Set(k, v)
			}
			resp, _ := browser.Do(http.MethodPost, "/notes", "application/x-www-form-urlencoded", strings.NewReader(form), header)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
		})
	}
}

func TestPanicShowsThe500Page(t *testing.T) {
	logger := testutil.Logger(t)
	render, err := web.NewRenderer(logger)
	if err != nil {
		t.Fatal(err)
	}
	panicking := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("something broke")
	})
	handler := logRequests(logger, recoverPanics(render, logger, panicking))

	resp, body := serve(t, handler, httptest.NewRequest(http.MethodGet, "/boom", nil))
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", resp.StatusCode)
	}
	if !strings.Contains(body, "<title>Something went wrong") {
		t.Errorf("body is not the 500 page:\n%s", body)
	}
	if strings.Contains(body, "something broke") {
		t.Error("the 500 page shows the panic message; it must stay in the log")
	}
}
