// Tests for the design demo page. The browser test relies on these ids, so they are checked here.

package pages_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"myapp/internal/pages"
)

func TestDemoPageHasTheInteractiveParts(t *testing.T) {
	status, _, body := call(t, pages.Demo(newRenderer(t)), httptest.NewRequest(http.MethodGet, "/demo", nil))
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200", status)
	}
	for _, want := range []string{
		`id="load-partial"`, `hx-get="/demo/partial"`, `hx-target="#partial-target"`, `hx-swap="innerHTML"`,
		`id="partial-target"`,
		`x-data="{ count: 0 }"`, `id="counter-button"`, `@click="count++"`, `id="counter-value" x-text="count">0</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("demo page is missing %s", want)
		}
	}
}

func TestDemoPartialShowsTheServerTime(t *testing.T) {
	fixed := func() time.Time { return time.Date(2030, 1, 2, 15, 4, 5, 0, time.UTC) }
	req := httptest.NewRequest(http.MethodGet, "/demo/partial", nil)
	req.Header.Set("HX-Request", "true")
	status, _, body := call(t, pages.DemoPartial(newRenderer(t), fixed), req)
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200", status)
	}
	if !strings.Contains(body, `data-testid="partial-loaded"`) || !strings.Contains(body, "15:04:05") {
		t.Errorf("partial lacks the test id or the time:\n%s", body)
	}
	if strings.Contains(body, "<html") {
		t.Error("the partial must not include the layout")
	}
}
