// A test that the About page answers at its route in routes.go, inside the layout.

package pages_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestAboutPage(t *testing.T) {
	site, _ := newSite(t) // the whole app, with the page's route in routes.go
	resp, body := site.Get("/about")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	if !strings.Contains(body, `class="navbar`) || !strings.Contains(body, "<h1 class=\"text-3xl font-bold mb-4\">About</h1>") {
		t.Errorf("the page lacks the layout or its heading:\n%s", body)
	}
}
