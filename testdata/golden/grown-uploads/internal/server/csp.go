// The Content-Security-Policy: a header that tells the browser which scripts, styles, images
// and connections a page may use. If an attacker gets HTML into a page (a note, a chat
// answer), the browser still refuses to run their script or to load their image from
// another site. To allow a new source (a font host, say), add it to policy below.

package server

import (
	"crypto/rand"
	"net/http"
	"strings"

	"myapp/internal/web"
)

// contentSecurityPolicy sends the policy on every response, with a fresh nonce for each
// request that the pages receive as .Nonce (web.Nonce).
func contentSecurityPolicy(assets web.Assets, next http.Handler) http.Handler {
	cdn := assets.FromCDN()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonce := rand.Text() // 26 characters from crypto/rand: nobody can guess the next one
		w.Header().Set("Content-Security-Policy", policy(nonce, cdn))
		next.ServeHTTP(w, r.WithContext(web.WithNonce(r.Context(), nonce)))
	})
}

// policy writes the header's value. Everything comes from the app itself ('self'); scripts
// also with the request's nonce. cdn adds the pinned CDN host, for an app whose assets were
// not built with `npm run build` (internal/web/assets.go).
func policy(nonce string, cdn bool) string {
	scripts := "'self' 'nonce-" + nonce + "'"
	styles := "'self'"
	if cdn {
		scripts += " " + web.CDNHost
		// Tailwind's browser script writes the page's classes into <style> elements it adds,
		// which only 'unsafe-inline' allows. `npm run build` makes that unnecessary.
		styles += " " + web.CDNHost + " 'unsafe-inline'"
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src " + scripts,  // no eval and no inline script without the nonce
		"style-src " + styles,    // no <style> or style="" in our pages: CSS lives in files
		"img-src 'self' data:",   // no image from another site: it could carry data away in its URL
		"connect-src 'self'",     // fetch and htmx talk only to the app
		"object-src 'none'",      // no plugins
		"base-uri 'none'",        // no <base> that would move every relative link elsewhere
		"form-action 'self'",     // forms post only to the app
		"frame-ancestors 'none'", // no other site may show the app in a frame
	}, "; ")
}
