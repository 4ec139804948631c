package main

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds a headless-capable Chromium, skipping locally when none is
// installed; in CI a missing browser is a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if inCI() {
		t.Fatal("Chromium is not installed; CI must install it (see .ci/run)")
	}
	t.Skip("install Chromium to run the browser tests")
	return ""
}

// newBrowser starts headless Chromium for one test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// TestBrowserDemoPage loads the design demo with locally built assets (these
// machines cannot reach a CDN) and shows that HTMX swaps the partial and Alpine
// reacts to a click.
func TestBrowserDemoPage(t *testing.T) {
	ctx := newBrowser(t)
	app := appFor(t, scenarios[0])
	srv := startServer(t, app, scenarios[0])
	defer srv.stop()
	requireBuiltAssets(t, srv.base)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.base+"/demo"),
		chromedp.WaitVisible(chromedp.CSS("#load-partial")),
	)
	if err != nil {
		t.Fatalf("browser: loading /demo: %v", err)
	}
	stylesheet, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('link[rel="stylesheet"]').getAttribute('href')`))
	if err != nil {
		t.Fatal(err)
	}
	htmxLoaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.htmx === 'object'`))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#load-partial")),
		chromedp.WaitVisible(chromedp.CSS(`#partial-target [data-testid="partial-loaded"]`)),
		chromedp.Click(chromedp.CSS("#counter-button")),
		chromedp.Click(chromedp.CSS("#counter-button")),
	)
	if err != nil {
		t.Fatalf("browser: clicking: %v", err)
	}
	partial, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#partial-target")))
	if err != nil {
		t.Fatal(err)
	}
	count, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#counter-value")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stylesheet, "/static/dist/") {
		t.Errorf("stylesheet = %q, want the locally built one", stylesheet)
	}
	if !htmxLoaded {
		t.Error("htmx did not load from the local assets")
	}
	if strings.TrimSpace(partial) == "" {
		t.Error("the swapped partial is empty")
	}
	if strings.TrimSpace(count) != "2" {
		t.Errorf("counter shows %q after two clicks, want 2", count)
	}
	if path := os.Getenv("FASTOPP_SCREENSHOT"); path != "" {
		if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90)); err == nil {
			os.WriteFile(path, png, 0o644)
		}
	}
}

// TestBrowserLoginLogout logs in and out through the real pages: a page that
// needs a login sends the visitor to the form and back, the nav shows who is
// logged in, the session cookie is out of reach of scripts, and logging out ends it.
func TestBrowserLoginLogout(t *testing.T) {
	ctx := newBrowser(t)
	sc := scenarios[0]
	app := appFor(t, sc)
	srv := startServer(t, app, sc)
	defer srv.stop()
	const email, password = "browser@example.com", "a long enough password"
	srv.manage(t, app, password, "users", "create", email, "--password-stdin")

	browserLogin(t, ctx, srv.base+"/account", email, password, "#account-email")
	if location, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(location, "/account") {
		t.Errorf("after login the browser is at %s, want /account (the next page)", location)
	}
	if got := textOf(t, ctx, "#nav-user"); got != email {
		t.Errorf("nav shows %q, want %s", got, email)
	}
	if got := textOf(t, ctx, "#account-email"); got != email {
		t.Errorf("account page shows %q, want %s", got, email)
	}
	if cookies, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie`)); strings.Contains(cookies, "session") {
		t.Errorf("scripts can read the session cookie: %q", cookies)
	}

	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#logout-button")),
		chromedp.WaitVisible(chromedp.CSS("#nav-login")),
		chromedp.Navigate(srv.base+"/account"),
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
	)
	if err != nil {
		t.Fatalf("browser: logging out: %v", err)
	}
}

// requireBuiltAssets skips (or, in CI, fails) when the app's assets were not built: the
// pages would need the CDN, which these machines cannot reach.
func requireBuiltAssets(t *testing.T, base string) {
	t.Helper()
	resp, err := http.Get(base + "/static/dist/app.css")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		if inCI() {
			t.Fatalf("GET /static/dist/app.css = %d: the assets were not built", resp.StatusCode)
		}
		t.Skip("assets were not built (npm missing); the page would need a CDN")
	}
}

// browserLogin opens page, which must send the visitor to the login form, logs in
// there and waits until the page shows the element wantVisible.
func browserLogin(t *testing.T, ctx context.Context, page, email, password, wantVisible string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SendKeys(chromedp.CSS("#login-email"), email),
		chromedp.SendKeys(chromedp.CSS("#login-password"), password),
		chromedp.Click(chromedp.CSS("#login-submit")),
		chromedp.WaitVisible(chromedp.CSS(wantVisible)),
	)
	if err != nil {
		t.Fatalf("browser: logging in at %s: %v", page, err)
	}
}

// textOf returns the trimmed text of the element sel on the current page.
func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}
