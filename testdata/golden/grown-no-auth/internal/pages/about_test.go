// A test that the About page renders inside the layout.

package pages_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"myapp/internal/pages"
)

func TestAboutPage(t *testing.T) {
	status, _, body := call(t, pages.AboutPage(newRenderer(t)), httptest.NewRequest(http.MethodGet, "/about", nil))
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200", status)
	}
	if !strings.Contains(body, `class="navbar`) || !strings.Contains(body, "<h1 class=\"text-3xl font-bold mb-4\">About</h1>") {
		t.Errorf("the page lacks the layout or its heading:\n%s", body)
	}
}
