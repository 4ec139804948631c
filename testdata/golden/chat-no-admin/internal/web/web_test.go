// Tests for the renderer and the choice between local and CDN assets.

package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"myapp/internal/testutil"
)

func TestEveryPageRendersInsideTheLayout(t *testing.T) {
	render, err := NewRenderer(testutil.Logger(t))
	if err != nil {
		t.Fatalf("NewRenderer: %v", err)
	}
	if len(render.pages) == 0 {
		t.Fatal("no pages found in templates/pages")
	}
	for name := range render.pages {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			render.Page(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusTeapot, name, nil)
			if name != "500" && rec.Code != http.StatusTeapot {
				t.Errorf("status %d, want the %d passed in (a template error gives 500)", rec.Code, http.StatusTeapot)
			}
			body := rec.Body.String()
			if !strings.HasPrefix(body, "<!doctype html>") || !strings.Contains(body, "</html>") {
				t.Errorf("page is not a whole HTML document:\n%s", body)
			}
		})
	}
}

func TestUnknownPageIsAServerError(t *testing.T) {
	render, err := NewRenderer(testutil.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	render.Page(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, "no-such-page", nil)
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", rec.Code)
	}
}

func TestAssetsPreferTheLocalBuild(t *testing.T) {
	built := fstest.MapFS{
		"static/dist/app.css":       {Data: []byte("/* css */")},
		"static/dist/htmx.min.js":   {Data: []byte("// htmx")},
		"static/dist/alpine.min.js": {Data: []byte("// alpine")},
	}
	local := AssetsFrom(built)
	if local != (Assets{Stylesheet: "/static/dist/app.css", HTMX: "/static/dist/htmx.min.js", Alpine: "/static/dist/alpine.min.js"}) {
		t.Errorf("with a build: got %+v, want every asset local and no Tailwind browser script", local)
	}

	cdn := AssetsFrom(fstest.MapFS{})
	for name, url := range map[string]string{"Stylesheet": cdn.Stylesheet, "TailwindBrowser": cdn.TailwindBrowser, "HTMX": cdn.HTMX, "Alpine": cdn.Alpine} {
		if !strings.HasPrefix(url, "https://cdn.jsdelivr.net/npm/") || !strings.Contains(url, "@") {
			t.Errorf("without a build: %s = %q, want a pinned jsDelivr URL", name, url)
		}
	}
}
