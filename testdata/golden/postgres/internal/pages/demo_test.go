// Tests for the design demo page and its partials. The browser test (cmd/fastopp) clicks
// through these ids, so they are checked here too.

package pages_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"myapp/internal/pages"
	"myapp/internal/testutil"
	"myapp/internal/web"
)

func TestDemoPageHasTheInteractiveParts(t *testing.T) {
	site, _ := newSite(t)
	resp, body := site.Get("/demo")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	for _, want := range []string{
		`<script defer src="/static/demo.js"></script>`,
		// htmx: a partial, and a slow one with its loading indicator
		`id="load-partial"`, `hx-get="/demo/partial"`, `hx-target="#partial-target"`, `hx-swap="innerHTML"`, `id="partial-target"`,
		`id="load-slow"`, `hx-get="/demo/slow"`, `hx-indicator="#slow-indicator"`, `id="slow-indicator" class="htmx-indicator`,
		// Alpine: counter, show and hide, hover cards, image switcher
		`x-data="{ count: 0 }"`, `id="counter-button"`, `@click="count++"`, `id="counter-value" x-text="count">0</span>`,
		`id="toggle-button"`, `id="toggle-panel" x-show="open"`,
		`@mouseenter="open = true"`, `@focusin="open = true"`, `id="hover-card-htmx"`,
		`id="switcher-image"`, `:src="'/static/demo/' + shown + '.svg'"`, `id="switch-night"`,
		// daisyUI: the modal and the toast
		`id="open-modal"`, `@click="$refs.dialog.showModal()"`, `<dialog id="demo-modal" class="modal" x-ref="dialog">`,
		`x-data="toast"`, `id="show-toast"`, `id="demo-toast"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("demo page is missing %s", want)
		}
	}
	// No inline code: the Content-Security-Policy would refuse it.
	for _, banned := range []string{"<script>", " onclick=", " style="} {
		if strings.Contains(body, banned) {
			t.Errorf("demo page holds %q, which the Content-Security-Policy refuses", banned)
		}
	}
}

// TestDemoFilesAreServed: the page's script and the switcher's images come from the app.
func TestDemoFilesAreServed(t *testing.T) {
	site, _ := newSite(t)
	for path, wantType := range map[string]string{
		"/static/demo.js":          "text/javascript",
		"/static/demo/morning.svg": "image/svg+xml",
		"/static/demo/noon.svg":    "image/svg+xml",
		"/static/demo/night.svg":   "image/svg+xml",
	} {
		resp, _ := site.Get(path)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), wantType) {
			t.Errorf("GET %s: status %d, type %q; want 200 and %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), wantType)
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

// TestDemoSlowWaitsThenAnswers goes through the real route, which waits a second.
func TestDemoSlowWaitsThenAnswers(t *testing.T) {
	site, _ := newSite(t)
	start := time.Now()
	resp, body := site.Do(http.MethodGet, "/demo/slow", "", nil, http.Header{"HX-Request": {"true"}})
	if took := time.Since(start); took < 900*time.Millisecond {
		t.Errorf("answered after %v, want about a second: too fast to see the indicator", took)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="slow-loaded"`) || strings.Contains(body, "<html") {
		t.Errorf("status %d, want 200 with the partial alone:\n%s", resp.StatusCode, body)
	}
}

// TestDemoSlowStopsWhenTheRequestEnds: a visitor who leaves (or htmx dropping the request)
// ends the request's context, and the handler stops waiting at once and writes nothing.
func TestDemoSlowStopsWhenTheRequestEnds(t *testing.T) {
	render, err := web.NewRenderer(testutil.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	handler := pages.DemoSlow(render, time.Now, time.Hour)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		handler.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, "/demo/slow", nil))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the handler still waits after its request ended")
	}
	if rec.Body.Len() != 0 {
		t.Errorf("the handler wrote %q to a request that had ended", rec.Body.String())
	}
}
