// The products demo (/demo/products): search as you type, a category filter, sorting and an
// in-stock toggle, all in the URL's query (?q=pen&category=2&sort=-price&stock=1), so that a
// link or a reload shows the same list. htmx sends the form on each change and swaps in the
// results alone (hx-push-url keeps the address bar in step); without JavaScript the form
// works as a plain GET. The charts are SVG drawn on the server (demo_charts.go).

package pages

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"myapp/internal/models"
	"myapp/internal/web"
)

// productSorts are the orders the list offers, by the value of ?sort=, with their labels.
var productSorts = []struct{ Value, Label string }{
	{"name", "Name, A to Z"},
	{"-name", "Name, Z to A"},
	{"price", "Price, lowest first"},
	{"-price", "Price, highest first"},
	{"stock", "Stock, lowest first"},
	{"-stock", "Stock, highest first"},
}

// maxSearchLength is the longest search accepted, in characters.
const maxSearchLength = 100

// DemoProducts handles /demo/products.
type DemoProducts struct {
	render  *web.Renderer
	queries *models.Queries
}

// NewDemoProducts returns the products demo's handler.
func NewDemoProducts(render *web.Renderer, queries *models.Queries) *DemoProducts {
	return &DemoProducts{render: render, queries: queries}
}

// productFilter is what the query asks for.
type productFilter struct {
	Search     string
	CategoryID int64
	InStock    bool
	Sort       string
}

// productsView is what templates/pages/demo_products.html shows.
type productsView struct {
	productFilter
	Error      string // what is wrong with the query, and what to do instead
	Categories []categoryOption
	Sorts      []sortOption
	Products   []models.FilterDemoProductsRow
	PriceChart chart
	StockChart chart
}

type categoryOption struct {
	ID       int64
	Name     string
	Selected bool
}

type sortOption struct {
	Value, Label string
	Selected     bool
}

// List shows the products the query asks for: the whole page, or for htmx only the results.
func (p *DemoProducts) List(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	categories, err := p.queries.AllDemoCategories(ctx)
	if err != nil {
		p.render.ServerError(w, r, err)
		return
	}
	filter, problem := readProductFilter(r, categories)
	status := http.StatusOK
	if problem != "" {
		status = http.StatusBadRequest
	}
	products, err := p.queries.FilterDemoProducts(ctx, models.FilterDemoProductsParams{
		Search: filter.Search, CategoryID: filter.CategoryID, InStock: filter.InStock, Sort: filter.Sort,
	})
	if err != nil {
		p.render.ServerError(w, r, err)
		return
	}
	view := productsView{productFilter: filter, Error: problem, Products: products,
		PriceChart: priceByCategory(products), StockChart: stockByProduct(products)}
	for _, c := range categories {
		view.Categories = append(view.Categories, categoryOption{ID: c.ID, Name: c.Name, Selected: c.ID == filter.CategoryID})
	}
	for _, s := range productSorts {
		view.Sorts = append(view.Sorts, sortOption{Value: s.Value, Label: s.Label, Selected: s.Value == filter.Sort})
	}
	// One URL answers with a page or with a part of it: caches must keep both apart.
	w.Header().Add("Vary", "HX-Request")
	// htmx asks for the whole page when it restores one from history it no longer holds.
	if web.IsHTMX(r) && r.Header.Get("HX-History-Restore-Request") != "true" {
		p.render.Partial(w, r, status, "demo_products_results", view)
		return
	}
	p.render.Page(w, r, status, "demo_products", view)
}

// readProductFilter reads the query. A value that cannot be used is replaced by the default
// and explained in problem, so the page still shows products and says what to change.
func readProductFilter(r *http.Request, categories []models.DemoCategory) (filter productFilter, problem string) {
	query := r.URL.Query()
	filter.Sort = "name"
	var problems []string
	// A NUL or broken UTF-8 never gets here: the app's middleware refuses it (server/input.go).
	search := strings.TrimSpace(query.Get("q"))
	if utf8.RuneCountInString(search) > maxSearchLength {
		problems = append(problems, "The search is longer than "+strconv.Itoa(maxSearchLength)+" characters: type a shorter one.")
	} else {
		filter.Search = search
	}
	if value := query.Get("category"); value != "" {
		id, err := strconv.ParseInt(value, 10, 64)
		if err != nil || !hasCategory(categories, id) {
			problems = append(problems, "There is no such category: choose one from the list.")
		} else {
			filter.CategoryID = id
		}
	}
	if value := query.Get("sort"); value != "" {
		if !validSort(value) {
			problems = append(problems, "Products sort by name, price or stock (with - before it for the reverse order).")
		} else {
			filter.Sort = value
		}
	}
	switch query.Get("stock") {
	case "", "0":
	case "1", "on":
		filter.InStock = true
	default:
		problems = append(problems, "stock is 1 (only products in stock) or absent.")
	}
	return filter, strings.Join(problems, " ")
}

func hasCategory(categories []models.DemoCategory, id int64) bool {
	for _, c := range categories {
		if c.ID == id {
			return true
		}
	}
	return false
}

func validSort(value string) bool {
	for _, s := range productSorts {
		if s.Value == value {
			return true
		}
	}
	return false
}
