package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserDesignDemo uses each example of the design demo (/demo) in a real browser with
// the app's own assets and its Content-Security-Policy: the slow partial shows its loading
// indicator while it waits, the hover card opens on focus, the image switcher changes the
// picture, the modal opens and closes, the toast shows and goes; then the licence page lists
// the modules of the real binary. Any console error or policy violation fails the test.
func TestBrowserDesignDemo(t *testing.T) {
	sc := scenarios[0]
	app := appFor(t, sc)
	srv := startServer(t, app, sc)
	defer srv.stop()
	requireBuiltAssets(t, srv.base)
	tr := newTour(t, srv.base)

	tr.visit("/demo", "#load-slow")
	tr.do("demo: the slow partial shows the indicator while it waits",
		chromedp.Click(chromedp.CSS("#load-slow")),
		chromedp.WaitVisible(chromedp.CSS("#slow-indicator.htmx-request")),
		chromedp.WaitVisible(chromedp.CSS(`#slow-target [data-testid="slow-loaded"]`)),
		chromedp.WaitNotPresent(chromedp.CSS("#slow-indicator.htmx-request")))
	if opacity := evaluate[string](t, tr, `getComputedStyle(document.querySelector("#slow-indicator")).opacity`); opacity != "0" {
		t.Errorf("the indicator's opacity is %s once the answer came, want 0 (hidden)", opacity)
	}

	tr.do("demo: a hover card opens on focus", chromedp.Focus(chromedp.CSS("#hover-alpine")),
		chromedp.WaitVisible(chromedp.CSS("#hover-card-alpine")))
	if evaluate[bool](t, tr, `getComputedStyle(document.querySelector("#hover-card-htmx")).display !== "none"`) {
		t.Error("the other hover cards opened too")
	}

	tr.do("demo: the image switcher", chromedp.Click(chromedp.CSS("#switch-night")))
	shown := chromedp.Poll[bool](`(() => { const i = document.querySelector("#switcher-image");
		return i.src.endsWith("/static/demo/night.svg") && i.complete && i.naturalWidth > 0 })()`,
		chromedp.WithPollingTimeout(10*time.Second))
	if ok, err := chromedp.Run(tr.ctx, shown); err != nil || !ok {
		t.Errorf("the switcher did not show the night picture (%v)", err)
	}

	tr.do("demo: the modal opens", chromedp.Click(chromedp.CSS("#open-modal")), chromedp.WaitVisible(chromedp.CSS("#demo-modal .modal-box")))
	if !evaluate[bool](t, tr, `document.querySelector("#demo-modal").open`) {
		t.Error("the dialog is not open")
	}
	// daisyUI keeps a closed modal laid out (hidden by opacity, for its transition): ask the
	// dialog itself whether it is open.
	tr.do("demo: the modal closes", chromedp.Click(chromedp.CSS("#close-modal")))
	if closed, err := chromedp.Run(tr.ctx, chromedp.Poll[bool](`!document.querySelector("#demo-modal").open`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil || !closed {
		t.Errorf("the modal did not close (%v)", err)
	}

	tr.do("demo: the toast shows", chromedp.Click(chromedp.CSS("#show-toast")), chromedp.WaitVisible(chromedp.CSS("#demo-toast")))
	tr.do("demo: the toast goes by itself", chromedp.WaitNotVisible(chromedp.CSS("#demo-toast")))

	// A real binary records its modules, which a test binary does not.
	tr.visit("/demo/licence", "#go-modules")
	for _, module := range []string{"github.com/joho/godotenv", "modernc.org/sqlite"} {
		if !strings.Contains(tr.text("#go-modules"), module) {
			t.Errorf("the licence page does not list %s", module)
		}
	}
	if got := tr.text("#npm-packages"); !strings.Contains(got, "htmx.org") || !strings.Contains(got, "daisyui") {
		t.Errorf("the licence page lists the npm packages %q", got)
	}
}

// evaluate returns the value of a JavaScript expression on the tour's current page.
func evaluate[T any](t *testing.T, tr *tour, expression string) T {
	t.Helper()
	v, err := chromedp.Run(tr.ctx, chromedp.Evaluate[T](expression))
	if err != nil {
		t.Fatalf("browser: %s: %v", expression, err)
	}
	return v
}
