// Tests for the design demo page. The browser test relies on these ids, so they are checked here.

package pages_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestDemoPageHasTheInteractiveParts(t *testing.T) {
	site, _ := newSite(t)
	resp, body := site.Get("/demo")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
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
	site, _ := newSite(t)
	before := time.Now()
	resp, body := site.Do(http.MethodGet, "/demo/partial", "", nil, http.Header{"HX-Request": {"true"}})
	after := time.Now()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	// The time of the request, to the second: the clock may have ticked over meanwhile.
	shown := strings.Contains(body, before.Format("15:04:05")) || strings.Contains(body, after.Format("15:04:05"))
	if !strings.Contains(body, `data-testid="partial-loaded"`) || !shown {
		t.Errorf("partial lacks the test id or the time:\n%s", body)
	}
	if strings.Contains(body, "<html") {
		t.Error("the partial must not include the layout")
	}
}
