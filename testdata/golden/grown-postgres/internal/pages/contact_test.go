// A test that the Contact us page answers at its route in routes.go, inside the layout.

package pages_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestContactPage(t *testing.T) {
	site, _ := newSite(t) // the whole app, with the page's route in routes.go
	resp, body := site.Get("/contact-us")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	if !strings.Contains(body, `class="navbar`) || !strings.Contains(body, "<h1 class=\"text-3xl font-bold mb-4\">Contact us</h1>") {
		t.Errorf("the page lacks the layout or its heading:\n%s", body)
	}
}
