// Every known path asked with a method it does not take answers 405 Method Not Allowed with
// the methods it does take; an unknown path answers 404 whatever the method. Add a row to
// knownPaths when you add a route.

package server

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"myapp/internal/testutil"
)

// knownPaths are paths of the app's routes, with the methods each takes.
var knownPaths = []struct {
	path    string
	methods string
}{
	{"/", "GET, HEAD"},
	{"/healthz", "GET, HEAD"},
	{"/readyz", "GET, HEAD"},
	{"/static/favicon.svg", "GET, HEAD"},
	{"/notes", "GET, HEAD, POST"},
	{"/demo", "GET, HEAD"},
	{"/demo/partial", "GET, HEAD"},
	{"/login", "GET, HEAD, POST"},
	{"/logout", "POST"},
	{"/account", "GET, HEAD"},
	{"/account/password", "GET, HEAD, POST"},
	{"/api/auth/token", "POST"},
	{"/api/auth/refresh", "POST"},
	{"/api/me", "GET, HEAD"},
	{"/chat", "GET, HEAD"},
	{"/chat/1", "GET, HEAD"},
	{"/api/chat", "POST"},
	{"/admin", "GET, HEAD"},
	{"/admin/audit", "GET, HEAD"},
	{"/admin/notes", "GET, HEAD"},
	{"/admin/notes/export.csv", "GET, HEAD, POST"}, // POST: /admin/{table}/{id}, with id "export.csv"
	{"/admin/notes/new", "GET, HEAD, POST"},
	{"/admin/notes/bulk", "GET, HEAD, POST"}, // GET: /admin/{table}/{id}, with id "bulk"
	{"/admin/notes/1", "GET, HEAD, POST"},
	{"/admin/notes/1/delete", "GET, HEAD, POST"},
	{"/admin/groups/1/permissions", "GET, HEAD, POST"},
	{"/admin/users/1/groups", "GET, HEAD, POST"},
}

var everyMethod = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

func TestWrongMethodIs405WithAllow(t *testing.T) {
	site, _ := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	for _, known := range knownPaths {
		for _, method := range everyMethod {
			if slices.Contains(strings.Split(known.methods, ", "), method) {
				continue
			}
			t.Run(method+" "+known.path, func(t *testing.T) {
				resp, body := site.Do(method, known.path, "", nil, nil)
				if resp.StatusCode != http.StatusMethodNotAllowed {
					t.Fatalf("status %d, want 405\n%.200s", resp.StatusCode, body)
				}
				if got := resp.Header.Get("Allow"); got != known.methods {
					t.Errorf("Allow: %q, want %q", got, known.methods)
				}
				if method != http.MethodHead && !strings.Contains(body, known.methods[:3]) {
					t.Errorf("the answer does not say which methods to use:\n%.200s", body)
				}
			})
		}
	}
}

func TestUnknownPathIs404WhateverTheMethod(t *testing.T) {
	site, _ := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	for _, path := range []string{"/no/such/page", "/notes/1/2/3", "/api/nothing", "/admin/notes/1/delete/now"} {
		for _, method := range everyMethod {
			if resp, _ := site.Do(method, path, "", nil, nil); resp.StatusCode != http.StatusNotFound || resp.Header.Get("Allow") != "" {
				t.Errorf("%s %s: status %d, Allow %q; want 404 and no Allow", method, path, resp.StatusCode, resp.Header.Get("Allow"))
			}
		}
	}
}
