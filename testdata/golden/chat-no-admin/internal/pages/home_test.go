// Tests for the home and 404 pages.

package pages_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"myapp/internal/pages"
)

// TestHomeLinksToEveryPage checks the cards and the navigation: a link for each page the app
// has, and none to a page it does not have.
func TestHomeLinksToEveryPage(t *testing.T) {
	status, _, body := call(t, pages.Home(newRenderer(t)), httptest.NewRequest(http.MethodGet, "/", nil))
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200", status)
	}
	links := map[string]bool{ // link -> whether the page exists in this app
		`href="/healthz"`: true,
		`href="/notes"`:   true,
		`href="/demo"`:    false,
		`href="/account"`: true,
	}
	for link, exists := range links {
		if found := strings.Contains(body, link); found != exists {
			t.Errorf("home page has %s: %v, want %v", link, found, exists)
		}
	}
}

func TestNotFoundIsInsideTheLayout(t *testing.T) {
	status, _, body := call(t, pages.NotFound(newRenderer(t)), httptest.NewRequest(http.MethodGet, "/missing", nil))
	if status != http.StatusNotFound {
		t.Errorf("status %d, want 404", status)
	}
	if !strings.Contains(body, `class="navbar`) || !strings.Contains(body, "/missing") {
		t.Errorf("404 page lacks the layout or the missing path:\n%s", body)
	}
}
