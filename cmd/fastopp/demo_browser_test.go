// The products demo in a real browser: `demo load` fills the app, then search as you type,
// the category filter and the in-stock toggle change the list through htmx, the address bar
// follows, and a reload shows the same list, with no CSP or console error on the way.
package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

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
