// Tests for the home and 404 pages.

package pages_test

import (
	"net/http"
	"strings"
	"testing"
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
		`href="/healthz"`: true,
		`href="/notes"`:   true,
		`href="/demo"`:    true,
		`href="/account"`: true,
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
