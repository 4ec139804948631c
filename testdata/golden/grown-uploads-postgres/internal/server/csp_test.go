// Tests for the Content-Security-Policy (csp.go): on every response, strict, with a fresh
// nonce per request, and the CDN allowed only when the assets come from it.

package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"myapp/internal/testutil"
	"myapp/internal/web"
)

// directives splits a policy into its directives: "img-src" -> "'self' data:".
func directives(policy string) map[string]string {
	parsed := map[string]string{}
	for directive := range strings.SplitSeq(policy, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(directive), " ")
		parsed[name] = value
	}
	return parsed
}

func TestContentSecurityPolicyOnEveryResponse(t *testing.T) {
	site, _ := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	paths := []string{"/", "/no/such/page", "/healthz", "/static/favicon.svg", "/static/no-such-file.js", "/login", "/api/me", "/demo", "/demo/partial"}
	for _, path := range paths {
		resp, _ := site.Get(path)
		got := directives(resp.Header.Get("Content-Security-Policy"))
		for name, want := range map[string]string{
			"default-src":     "'self'",
			"img-src":         "'self' data:",
			"connect-src":     "'self'",
			"object-src":      "'none'",
			"base-uri":        "'none'",
			"form-action":     "'self'",
			"frame-ancestors": "'none'",
		} {
			if got[name] != want {
				t.Errorf("%s: %s is %q, want %q", path, name, got[name], want)
			}
		}
		// script-src and style-src name the CDN only when the assets were not built:
		// TestPolicyAllowsTheCDNOnlyWithoutABuild.
		if scripts := got["script-src"]; !strings.HasPrefix(scripts, "'self' 'nonce-") || strings.Contains(scripts, "unsafe") {
			t.Errorf("%s: script-src is %q, want 'self' and a nonce, never unsafe-inline or unsafe-eval", path, scripts)
		}
	}
}

func TestNonceIsFreshAndReachesThePages(t *testing.T) {
	var seen []string
	handler := contentSecurityPolicy(web.Assets{}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, web.Nonce(r.Context()))
	}))
	nonces := map[string]bool{}
	for i := range 50 {
		resp, _ := serve(t, handler, httptest.NewRequest(http.MethodGet, "/", nil))
		header := directives(resp.Header.Get("Content-Security-Policy"))["script-src"]
		nonce := seen[i]
		if len(nonce) < 22 || header != "'self' 'nonce-"+nonce+"'" {
			t.Fatalf("request %d: the page got nonce %q, the header says script-src %q; want the same, at least 22 characters", i, nonce, header)
		}
		if nonces[nonce] {
			t.Fatalf("request %d reused the nonce %q: each request needs a new one", i, nonce)
		}
		nonces[nonce] = true
	}
}

func TestPolicyAllowsTheCDNOnlyWithoutABuild(t *testing.T) {
	built := web.AssetsFrom(fstest.MapFS{
		"static/dist/app.css":       {Data: []byte("/* css */")},
		"static/dist/htmx.min.js":   {Data: []byte("// htmx")},
		"static/dist/alpine.min.js": {Data: []byte("// alpine")},
	})
	cdn := web.AssetsFrom(fstest.MapFS{})
	for _, tt := range []struct {
		name    string
		assets  web.Assets
		scripts string
		styles  string
	}{
		{"built with npm", built, "'self' 'nonce-N'", "'self'"},
		{"from the CDN", cdn, "'self' 'nonce-N' " + web.CDNHost, "'self' " + web.CDNHost + " 'unsafe-inline'"},
	} {
		got := directives(policy("N", tt.assets.FromCDN()))
		if got["script-src"] != tt.scripts || got["style-src"] != tt.styles {
			t.Errorf("%s: script-src %q, style-src %q; want %q and %q", tt.name, got["script-src"], got["style-src"], tt.scripts, tt.styles)
		}
	}
}
