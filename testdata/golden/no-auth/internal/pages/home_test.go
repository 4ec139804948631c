// Tests for the home and 404 pages.

package pages_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"myapp/internal/testutil"
)

// TestHomeLinksToEveryPage checks the cards and the navigation: a link for each page the app
// has, and none to a page it does not have.
func TestHomeLinksToEveryPage(t *testing.T) {
	site, _ := newSite(t)
	resp, body := site.Get("/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	links := map[string]bool{ // link -> whether the page exists in this app
		`href="/healthz"`:       true,
		`href="/notes"`:         true,
		`href="/demo"`:          true,
		`href="/demo/licence"`:  true,
		`href="/demo/products"`: true,
		`href="/demo/webinars"`: false,
		`href="/account"`:       false,
	}
	for link, exists := range links {
		if found := strings.Contains(body, link); found != exists {
			t.Errorf("home page has %s: %v, want %v", link, found, exists)
		}
	}
}

func TestNotFoundIsInsideTheLayout(t *testing.T) {
	site, _ := newSite(t)
	resp, body := site.Get("/missing")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
	if !strings.Contains(body, `class="navbar`) || !strings.Contains(body, "/missing") {
		t.Errorf("404 page lacks the layout or the missing path:\n%s", body)
	}
}

// TestNoDeadLinks follows every link of the home page (its cards, the navigation, the
// stylesheets and icon in its head) to the app itself: each answers 200, after the redirect
// to the login form for a page that needs a login. Whatever features the app was made with,
// no card or menu item leads to a page it does not have.
func TestNoDeadLinks(t *testing.T) {
	site, _ := newSite(t)
	walkLinks(t, site, "a visitor")
}

// localLink finds the address of each link to the app itself: href="/...", not "//host".
var localLink = regexp.MustCompile(`href="(/[^/"][^"]*|/)"`)

// walkLinks opens the home page as site's visitor (who) and follows each of its local links.
func walkLinks(t *testing.T, site *testutil.Client, who string) {
	t.Helper()
	_, home := site.Get("/")
	seen := map[string]bool{}
	for _, m := range localLink.FindAllStringSubmatch(home, -1) {
		link := m[1]
		if seen[link] {
			continue
		}
		seen[link] = true
		path, status := link, 0
		for range 3 { // a private page redirects to the login form, which answers 200
			resp, _ := site.Get(path)
			status = resp.StatusCode
			if status != http.StatusSeeOther && status != http.StatusFound {
				break
			}
			path = resp.Header.Get("Location")
		}
		if status != http.StatusOK {
			t.Errorf("as %s, the home page's link %s leads to %s with status %d, want 200", who, link, path, status)
		}
	}
	if len(seen) < 3 {
		t.Errorf("as %s, found only the links %v on the home page", who, seen)
	}
}
