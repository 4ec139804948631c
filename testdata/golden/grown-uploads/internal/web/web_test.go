// Tests for the renderer, the choice between local and CDN assets, the static files (only
// static/, whatever the path tries) and the pages' fitness for the Content-Security-Policy.

package web

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
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

	if local.FromCDN() {
		t.Error("with a build: FromCDN is true, want false")
	}

	cdn := AssetsFrom(fstest.MapFS{})
	if !cdn.FromCDN() {
		t.Error("without a build: FromCDN is false, want true")
	}
	for name, url := range map[string]string{"Stylesheet": cdn.Stylesheet, "TailwindBrowser": cdn.TailwindBrowser, "HTMX": cdn.HTMX, "Alpine": cdn.Alpine} {
		if !strings.HasPrefix(url, "https://cdn.jsdelivr.net/npm/") || !strings.Contains(url, "@") {
			t.Errorf("without a build: %s = %q, want a pinned jsDelivr URL", name, url)
		}
	}
}

func TestStaticServesOnlyTheStaticFolder(t *testing.T) {
	handler := StaticHandler()
	for path, want := range map[string]string{
		"/static/favicon.svg": "<svg",
		"/static/base.css":    "x-cloak",
	} {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s = %d, want 200 with %q", path, rec.Code, want)
		}
	}

	// Each one tries to reach a template (or something else outside the assets) another way.
	hostile := []string{
		"/static/%2e%2e/templates/pages/404.html",       // encoded dot-dot
		"/static/%2E%2E/templates/pages/404.html",       // upper case
		"/static/.%2e/templates/pages/404.html",         // half encoded
		"/static/%252e%252e/templates/pages/404.html",   // double encoded
		"/static/..%2ftemplates%2fpages%2f404.html",     // encoded slashes
		"/static/%2e%2e%2ftemplates%2fpages%2f404.html", // all encoded
		"/static/../templates/pages/404.html",           // plain dot-dot
		"/static/dist/../../templates/pages/404.html",   // from deeper down
		"/static/..\\templates\\pages\\404.html",        // backslashes
		"/static/%5c..%5ctemplates%5cpages%5c404.html",  // encoded backslashes
		"/static/..%5c..%5ctemplates/pages/404.html",
		"/static/templates/pages/404.html",  // the templates as if under static/
		"/static//templates/pages/404.html", // empty part
		"/static//favicon.svg",
		"/static/./favicon.svg", // dot part
		"/static/favicon.svg/",  // a file as a folder
		"/static/favicon.svg/.",
		"/static/favicon.svg%00", // NUL
		"/static/favicon.svg%00.png",
		"/static/%00",
		"/static/", // directories: no listing
		"/static",
		"/static/dist/",
		"/static/dist",
		"/static/.env", // dot files
		"/static/.git/config",
		"/static/.",
		"/static/..",
		"/static/" + strings.Repeat("a", 5000), // long names
		"/static/" + strings.Repeat("../", 200) + "etc/passwd",
		"/static/" + strings.Repeat("a/", 2000) + "favicon.svg",
		"/templates/pages/404.html", // not under /static/ at all
		"/static/web.go",
	}
	for _, path := range hostile {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %.80s = %d, want 404", path, rec.Code)
		}
		if body := rec.Body.String(); strings.Contains(body, "define") || strings.Contains(body, "<svg") {
			t.Errorf("GET %.80s served a file: %.80s", path, body)
		}
	}
}

// inlineCode finds what the Content-Security-Policy (internal/server/csp.go) refuses in a
// page: a <style> element, a style="" attribute, an onclick="" kind of handler, a javascript:
// URL, and what Alpine's CSP build and htmx without eval cannot run (x-html, hx-on). A
// <script> is checked apart: it must have src (or a nonce).
var inlineCode = map[string]*regexp.Regexp{
	"<style> element": regexp.MustCompile(`<style\b`),
	"style attribute": regexp.MustCompile(`\sstyle\s*=`),
	"event handler":   regexp.MustCompile(`\son[a-z]+\s*=`),
	"javascript: URL": regexp.MustCompile(`(?i)javascript:`),
	"x-html":          regexp.MustCompile(`\bx-html\b`),
	"hx-on":           regexp.MustCompile(`\bhx-on\b`),
}

func TestTemplatesHaveNoInlineCode(t *testing.T) {
	comment := regexp.MustCompile(`(?s)\{\{/\*.*?\*/\}\}`) // template comments may talk about these
	scriptTag := regexp.MustCompile(`<script\b[^>]*>`)
	err := fs.WalkDir(files, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		source, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		page := comment.ReplaceAllString(string(source), "")
		for what, pattern := range inlineCode {
			if found := pattern.FindString(page); found != "" {
				t.Errorf("%s has a %s (%q), which the Content-Security-Policy refuses: move it to a file under static/", path, what, found)
			}
		}
		for _, tag := range scriptTag.FindAllString(page, -1) {
			if !strings.Contains(tag, " src=") && !strings.Contains(tag, " nonce=") {
				t.Errorf("%s has an inline %s: put its code in a file under static/ (or give it nonce=\"{{ .Nonce }}\")", path, tag)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
