// Tests of the products demo through the whole app (server.New): the filters, the sorts
// (prices as numbers on both engines), the htmx answer, hostile query parameters, and the
// charts' SVG, which must escape every name.

package pages_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

// productShop fills the app with two categories and five products, and returns a visitor
// and the categories' ids.
func productShop(t *testing.T) (site *testutil.Client, tools, toys int64) {
	t.Helper()
	site, deps := newSite(t)
	categories := services.NewDemoCategoryService(deps.DB)
	products := services.NewDemoProductService(deps.DB)
	ids := map[string]int64{}
	for _, name := range []string{"Tools", "Toys"} {
		row, err := categories.Create(t.Context(), name)
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = row.ID
	}
	for _, p := range []models.CreateDemoProductParams{
		{Name: "Laptop", CategoryID: ids["Tools"], Price: "1299.00", Stock: 2},
		{Name: "Hammer", CategoryID: ids["Tools"], Price: "9.99", Stock: 0},
		{Name: "Drill", CategoryID: ids["Tools"], Price: "129.00", Stock: 7},
		{Name: "Kite", CategoryID: ids["Toys"], Price: "45.50", Stock: 12},
		{Name: "100% cotton teddy", CategoryID: ids["Toys"], Price: "19.00", Stock: 1},
	} {
		if _, err := products.Create(t.Context(), p); err != nil {
			t.Fatal(err)
		}
	}
	return site, ids["Tools"], ids["Toys"]
}

var productName = regexp.MustCompile(`<span class="font-medium">([^<]*)</span>`)

// productNames returns the names of the products a page lists, in order.
func productNames(body string) []string {
	var names []string
	for _, m := range productName.FindAllStringSubmatch(body, -1) {
		names = append(names, html.UnescapeString(m[1]))
	}
	return names
}

func TestDemoProductsFiltersAndSorts(t *testing.T) {
	site, tools, toys := productShop(t)
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", []string{"100% cotton teddy", "Drill", "Hammer", "Kite", "Laptop"}},
		{"q=lap", []string{"Laptop"}},
		{"q=LAPTOP", []string{"Laptop"}},         // case does not matter
		{"q=%25", []string{"100% cotton teddy"}}, // % is a character, not a wildcard
		{"q=_", nil},
		{"q=zebra", nil},
		{"category=" + strconv.FormatInt(toys, 10), []string{"100% cotton teddy", "Kite"}},
		{"stock=1", []string{"100% cotton teddy", "Drill", "Kite", "Laptop"}},
		{"stock=1&category=" + strconv.FormatInt(tools, 10), []string{"Drill", "Laptop"}},
		{"q=l&category=" + strconv.FormatInt(tools, 10) + "&sort=-price", []string{"Laptop", "Drill"}},
		// Prices sort as numbers: 9.99 < 19.00 < 45.50 < 129.00 < 1299.00 (as text, 1299 < 9.99).
		{"sort=price", []string{"Hammer", "100% cotton teddy", "Kite", "Drill", "Laptop"}},
		{"sort=-price", []string{"Laptop", "Drill", "Kite", "100% cotton teddy", "Hammer"}},
		{"sort=stock", []string{"Hammer", "100% cotton teddy", "Laptop", "Drill", "Kite"}},
		{"sort=-stock", []string{"Kite", "Drill", "Laptop", "100% cotton teddy", "Hammer"}},
		{"sort=-name", []string{"Laptop", "Kite", "Hammer", "Drill", "100% cotton teddy"}},
	} {
		resp, body := site.Get("/demo/products?" + tt.query)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("?%s: status %d, want 200", tt.query, resp.StatusCode)
			continue
		}
		if got := productNames(body); !slices.Equal(got, tt.want) {
			t.Errorf("?%s lists %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestDemoProductsPageKeepsTheFiltersInTheForm(t *testing.T) {
	site, _, toys := productShop(t)
	id := strconv.FormatInt(toys, 10)
	resp, body := site.Get("/demo/products?q=kite&category=" + id + "&sort=-price&stock=1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{
		`hx-get="/demo/products"`, `hx-push-url="true"`, `hx-target="#product-results"`,
		`name="q" value="kite"`, `<option value="` + id + `" selected>Toys</option>`,
		`<option value="-price" selected>`, `name="stock" value="1" class="toggle toggle-primary" checked`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// The CSP (server/csp.go) allows no inline style, and no script without the nonce.
	if strings.Contains(body, " style=") || strings.Contains(body, "<style") || regexp.MustCompile(`<script>`).MatchString(body) {
		t.Error("the page has an inline style or script, which the CSP blocks")
	}
}

func TestDemoProductsAnswersHTMXWithTheResultsAlone(t *testing.T) {
	site, _, _ := productShop(t)
	resp, body := site.Do(http.MethodGet, "/demo/products?q=kite", "", nil, http.Header{"HX-Request": {"true"}})
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") || !strings.Contains(body, `id="product-results"`) {
		t.Fatalf("htmx answer: status %d\n%s", resp.StatusCode, body)
	}
	if got := productNames(body); !slices.Equal(got, []string{"Kite"}) {
		t.Errorf("htmx answer lists %q", got)
	}
	if !slices.Contains(resp.Header.Values("Vary"), "HX-Request") {
		t.Errorf("Vary is %q: a cache could give the partial to a browser asking for the page", resp.Header.Values("Vary"))
	}
	// Going back in history to a page htmx no longer holds: the whole page, with the layout.
	_, body = site.Do(http.MethodGet, "/demo/products?q=kite", "", nil,
		http.Header{"HX-Request": {"true"}, "HX-History-Restore-Request": {"true"}})
	if !strings.Contains(body, "<html") {
		t.Error("a history restore must get the whole page")
	}
}

// TestDemoProductsHostileQueries: whatever the query holds, the page answers 200 or a 400 that
// says what to change, never a 500, never echoes markup unescaped, and the table survives.
func TestDemoProductsHostileQueries(t *testing.T) {
	site, _, _ := productShop(t)
	for _, tt := range []struct {
		query  string
		status int
	}{
		{"q=" + url.QueryEscape("<script>alert(1)</script>"), http.StatusOK},
		{"q=" + url.QueryEscape(`"><svg onload=alert(1)>`), http.StatusOK},
		{"q=" + url.QueryEscape("'; DROP TABLE demo_products; --"), http.StatusOK},
		{"q=" + url.QueryEscape(`\`), http.StatusOK},
		{"q=%00", http.StatusBadRequest},    // refused by the app's middleware (server/input.go)
		{"q=%ff%fe", http.StatusBadRequest}, // so is text that is not UTF-8
		{"q=" + strings.Repeat("a", 101), http.StatusBadRequest},
		{"q=" + strings.Repeat("é", 100), http.StatusOK},
		{"q=a&q=b", http.StatusOK},
		{"category=abc", http.StatusBadRequest},
		{"category=-1", http.StatusBadRequest},
		{"category=0", http.StatusBadRequest},
		{"category=99999999999999999999", http.StatusBadRequest},
		{"category=" + url.QueryEscape("1 OR 1=1"), http.StatusBadRequest},
		{"category=" + url.QueryEscape("<b>1</b>"), http.StatusBadRequest},
		{"sort=" + url.QueryEscape("name; DROP TABLE demo_products"), http.StatusBadRequest},
		{"sort=" + url.QueryEscape("<script>"), http.StatusBadRequest},
		{"sort=id", http.StatusBadRequest},
		{"sort=PRICE", http.StatusBadRequest},
		{"stock=yes", http.StatusBadRequest},
		{"stock=" + url.QueryEscape(`"><script>`), http.StatusBadRequest},
		{"%zz=1", http.StatusOK}, // a malformed query is read as far as it goes
		{"q=%", http.StatusOK},
	} {
		resp, body := site.Get("/demo/products?" + tt.query)
		if resp.StatusCode != tt.status {
			t.Errorf("?%s: status %d, want %d", tt.query, resp.StatusCode, tt.status)
		}
		for _, raw := range []string{"<script>alert", "<svg onload", `"><script>`, "<b>1</b>"} {
			if strings.Contains(body, raw) {
				t.Errorf("?%s: the page holds %s unescaped", tt.query, raw)
			}
		}
		if tt.status == http.StatusBadRequest && !strings.Contains(body, `role="alert"`) && !strings.Contains(body, "q") {
			t.Errorf("?%s: a 400 must say what to change:\n%s", tt.query, body)
		}
	}
	if _, body := site.Get("/demo/products"); len(productNames(body)) != 5 {
		t.Errorf("after the hostile queries the page lists %q", productNames(body))
	}
}

// TestDemoProductsChartsEscapeNames: names go into the SVG as text, so markup in a category or
// product name (from the admin, say) is shown, never run.
func TestDemoProductsChartsEscapeNames(t *testing.T) {
	site, deps := newSite(t)
	category, err := services.NewDemoCategoryService(deps.DB).Create(t.Context(), `<script>alert("c")</script>`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := services.NewDemoProductService(deps.DB).Create(t.Context(), models.CreateDemoProductParams{
		Name: `</text><script>alert("p")</script>`, CategoryID: category.ID, Price: "5.00", Stock: 3,
	}); err != nil {
		t.Fatal(err)
	}
	_, body := site.Get("/demo/products")
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "</text><script>") {
		t.Fatalf("a name reached the page unescaped:\n%s", body)
	}
	if strings.Count(body, `data-testid="chart"`) != 2 || !strings.Contains(body, "&lt;script&gt;alert(&#34;c&#34;)&lt;/script&gt;") {
		t.Errorf("the charts lack the escaped category name:\n%s", body)
	}
	if !strings.Contains(body, "<rect x=") {
		t.Error("the charts have no bars")
	}
}

func TestDemoPageLinksToTheProducts(t *testing.T) {
	site, _ := newSite(t)
	if _, body := site.Get("/demo"); !strings.Contains(body, `href="/demo/products"`) {
		t.Error("/demo does not link to /demo/products")
	}
}
