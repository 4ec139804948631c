package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserUploadsAPhoto adds a person with a photo through the admin's form, as a person
// would (a file chosen in the file input), then sees the photo's thumbnail in the admin's list
// and the photo on the public page, each loaded by the browser from /uploads/.
func TestBrowserUploadsAPhoto(t *testing.T) {
	ctx := newBrowser(t)
	i := slices.IndexFunc(scenarios, func(sc scenario) bool { return sc.name == "grown-uploads" })
	sc := scenarios[i]
	app := appFor(t, sc)
	srv := startServer(t, app, sc)
	defer srv.stop()
	const email, password = "uploads-browser@example.com", "a long enough password"
	srv.manage(t, app, password, "createsuperuser", "--email", email, "--password-stdin")

	photo := filepath.Join(t.TempDir(), "holiday.png")
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for y := range 480 {
		for x := range 640 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	var encoded bytes.Buffer
	if err := png.Encode(&encoded, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(photo, encoded.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	browserLogin(t, ctx, srv.base+"/admin", email, password, "#admin-models")
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.base+"/admin/people/new"),
		chromedp.WaitVisible(chromedp.CSS("#admin-form")),
		chromedp.SendKeys(chromedp.CSS("#field-name"), "Ada"),
		chromedp.SetUploadFiles(chromedp.CSS("#field-photo"), []string{photo}),
	); err != nil {
		t.Fatalf("browser: filling the form: %v", err)
	}
	submitAndWait(t, ctx, "#admin-save")

	// The image was loaded when it has a width: a broken or refused one has none.
	loaded := func(page, selector string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.base+page), chromedp.WaitVisible(chromedp.CSS(selector))); err != nil {
			t.Fatalf("browser: %s shows no %s: %v", page, selector, err)
		}
		width, err := chromedp.Run(ctx, chromedp.Poll[int](`(() => { const i = document.querySelector(`+
			"`"+selector+"`"+`); return i.complete && i.naturalWidth > 0 ? i.naturalWidth : 0 })()`,
			chromedp.WithPollingTimeout(15*time.Second)))
		if err != nil || width == 0 {
			t.Errorf("%s: the image %s did not load (%v)", page, selector, err)
		}
	}
	loaded("/admin/people", "img.admin-thumbnail")
	loaded("/people/1", "#photo-image")
	if src := textOf(t, ctx, "#person-detail"); !strings.Contains(src, "Ada") {
		t.Errorf("the public page does not show the person: %q", src)
	}
}
