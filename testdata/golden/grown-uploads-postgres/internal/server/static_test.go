// Tests for the static files through the app's real router: the tricks that once reached the
// page templates (web.StaticHandler serves only static/; internal/web tests it in depth).

package server

import (
	"net/http"
	"strings"
	"testing"

	"myapp/internal/testutil"
)

func TestStaticFilesDoNotReachTheTemplates(t *testing.T) {
	site, _ := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	for _, path := range []string{
		"/static/%2e%2e/templates/pages/404.html",
		"/static/%252e%252e/templates/pages/404.html",
		"/static/..%2ftemplates%2fpages%2f404.html",
		"/static/../templates/pages/404.html",
		"/static/templates/pages/404.html",
		"/static/..%5ctemplates%5cpages%5c404.html",
		"/static/.%2e/.%2e/internal/web/web.go",
		"/static/favicon.svg%00.html",
	} {
		resp, body := site.Get(path)
		// The router may first redirect a path with ".." to its clean form, which is no file.
		if resp.StatusCode == http.StatusOK || strings.Contains(body, "{{ define") {
			t.Errorf("GET %s = %d, want no file (404, or a redirect to a path that is none):\n%.200s", path, resp.StatusCode, body)
		}
		if location := resp.Header.Get("Location"); location != "" {
			resp, _ := site.Get(location)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s redirects to %s, which answers %d; want 404", path, location, resp.StatusCode)
			}
		}
	}
	resp, body := site.Get("/static/base.css")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "x-cloak") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("GET /static/base.css = %d %s, want the stylesheet", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
