// A test that the Contact us page renders inside the layout.

package pages_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"myapp/internal/pages"
)

func TestContactPage(t *testing.T) {
	status, _, body := call(t, pages.ContactPage(newRenderer(t)), httptest.NewRequest(http.MethodGet, "/contact-us", nil))
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200", status)
	}
	if !strings.Contains(body, `class="navbar`) || !strings.Contains(body, "<h1 class=\"text-3xl font-bold mb-4\">Contact us</h1>") {
		t.Errorf("the page lacks the layout or its heading:\n%s", body)
	}
}
