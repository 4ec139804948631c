// The demo pages in a real browser, with the app's own assets and its Content-Security-Policy:
// the design demo, the products demo and the webinars, each with no CSP or console error.
package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
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

// TestBrowserWebinarsDemo fills the default app with `demo load` and uses the webinars as a
// teacher would in class: the registrants each card loads, a photo uploaded on a registrant's
// page and shown, notes edited in place, a registrant deleted after the confirmation. Any
// console error or policy violation fails the test.
func TestBrowserWebinarsDemo(t *testing.T) {
	sc := scenarios[0]
	app := appFor(t, sc)
	srv := startServer(t, app, sc)
	defer srv.stop()
	requireBuiltAssets(t, srv.base)
	srv.manage(t, app, "", "demo", "load")
	const email, password = "demo-browser@example.com", "a long enough password"
	srv.manage(t, app, password, "createsuperuser", "--email", email, "--password-stdin")
	tr := newTour(t, srv.base)

	// Webinars: the registrants come by htmx into each card.
	browserLogin(t, tr.ctx, srv.base+"/demo/webinars", email, password, "#webinars")
	tr.watch.check("logging in")
	tr.do("webinars: the cards load their registrants", chromedp.WaitVisible(chromedp.CSS("#webinars .registrants a")))
	submitAndWait(t, tr.ctx, "#webinars .registrants a")
	tr.watch.check("webinars: opening a registrant")

	photo := filepath.Join(t.TempDir(), "portrait.png")
	if err := os.WriteFile(photo, gradientPNG(t, 300, 300), 0o600); err != nil {
		t.Fatal(err)
	}
	tr.do("registrant: choosing a photo", chromedp.SetUploadFiles(chromedp.CSS("#photo-input"), []string{photo}))
	tr.submit("registrant: uploading the photo", "#photo-submit")
	shown, err := chromedp.Run(tr.ctx, chromedp.Poll[int](`(() => { const i = document.querySelector("#registrant-photo");
		return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth : 0 })()`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil || shown != 300 {
		t.Errorf("the uploaded photo is not shown (width %d, %v)", shown, err)
	}

	tr.do("registrant: editing the notes", chromedp.Click(chromedp.CSS("#edit-notes")), chromedp.WaitVisible(chromedp.CSS("#notes-input")))
	evaluate[bool](t, tr, `(document.querySelector("#notes-input").value = "") === ""`) // the demo's notes, gone
	tr.do("registrant: typing the notes", chromedp.SendKeys(chromedp.CSS("#notes-input"), "Met at the <b>meetup</b>"), chromedp.Click(chromedp.CSS("#save-notes")))
	tr.waitText("registrant: the notes, saved in place", "#notes-text", "Met at the <b>meetup</b>")

	tr.do("registrant: delete asks first", chromedp.Click(chromedp.CSS("#delete-registrant")),
		chromedp.WaitVisible(chromedp.CSS("#confirm-delete-button")))
	tr.submit("registrant: deleting", "#confirm-delete-button")
	if location := currentURL(t, tr); !strings.HasSuffix(location, "/demo/webinars") {
		t.Errorf("after the delete the browser is at %s, want /demo/webinars", location)
	}
}

// currentURL is the address the tour's browser shows.
func currentURL(t *testing.T, tr *tour) string {
	t.Helper()
	location, err := chromedp.Run(tr.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return location
}

// gradientPNG is a w × h picture to upload.
func gradientPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var encoded bytes.Buffer
	if err := png.Encode(&encoded, img); err != nil {
		t.Fatal(err)
	}
	return encoded.Bytes()
}

// TestBrowserProductsDemo: `demo load` fills the app, then search as you type, the category
// filter and the in-stock toggle change the list through htmx, the address bar follows, and a
// reload shows the same list.
func TestBrowserProductsDemo(t *testing.T) {
	sc := scenarios[0]
	app := appFor(t, sc)
	srv := startServer(t, app, sc)
	defer srv.stop()
	requireBuiltAssets(t, srv.base)
	if out := srv.manage(t, app, "", "demo", "load"); !strings.Contains(out, "20 added") {
		t.Fatalf("demo load:\n%s", out)
	}
	tr := newTour(t, srv.base)
	const count = `#product-results [data-testid="product-count"]`

	tr.visit("/demo", `a[href="/demo/products"]`)
	tr.visit("/demo/products", "#product-search")
	tr.waitText("products: all of them", count, "20 products")
	tr.waitText("products: the charts are drawn", "#product-results figure", "Average price by category")

	tr.do("products: search as you type", chromedp.SendKeys(chromedp.CSS("#product-search"), "er"))
	tr.waitText("products: the search narrows the list", count, "12 products")
	tr.do("products: pick a category", chromedp.SendKeys(chromedp.CSS("#product-category"), "Kitchen"))
	tr.waitText("products: the category narrows it more", count, "3 products")
	tr.do("products: only in stock", chromedp.Click(chromedp.CSS("#product-in-stock")))
	tr.waitText("products: the toggle hides what is out of stock", count, "2 products")

	location, err := chromedp.Run(tr.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"q=er", "category=", "stock=1"} {
		if !strings.Contains(location, want) {
			t.Errorf("the address is %s, want %s in it", location, want)
		}
	}
	tr.do("products: reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#product-search")))
	tr.waitText("products: a reload keeps the filters", count, "2 products")
	search, err := chromedp.Run(tr.ctx, chromedp.Value(chromedp.CSS("#product-search")))
	if err != nil || search != "er" {
		t.Errorf("after a reload the search box holds %q (%v), want er", search, err)
	}
}
