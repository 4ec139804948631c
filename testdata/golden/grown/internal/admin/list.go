// The list page, /admin/{table}: search, filters, sort and pages, all held in the URL so a
// link or the back button shows the same rows. htmx asks for the table alone (partials/admin_table.html).

package admin

import (
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"myapp/internal/web"
)

// parseListQuery reads a list URL: ?q=word&sort=-created_at&page=2&is_staff=true. Anything
// the table does not declare (an unlisted sort column, an unknown filter) is ignored.
func parseListQuery(t Table, values url.Values) ListQuery {
	q := ListQuery{Search: strings.TrimSpace(values.Get("q")), Page: web.PageNumber(values), Filters: map[string]bool{}, Equal: map[string]string{}}
	sort := values.Get("sort")
	if !t.Listed(trimMinus(sort)) {
		sort = t.Sort
	}
	if sort == "" {
		sort = t.List[0]
	}
	q.Sort, q.Desc = trimMinus(sort), strings.HasPrefix(sort, "-")
	q.Count = values.Get("count") == "1"
	q.From, q.Until = map[string]time.Time{}, map[string]time.Time{}
	for _, column := range t.Filters {
		f, _ := t.Field(column)
		value := values.Get(column)
		switch f.Kind {
		case Boolean:
			if value, err := strconv.ParseBool(value); err == nil {
				q.Filters[column] = value
			}
		case Choice, ForeignKey:
			if value != "" && check(f, value) == "" { // a declared choice, or a number
				q.Equal[column] = value
			}
		}
		// A date range: ?created_at_from=2030-01-01&created_at_to=2030-01-31, both days included.
		if day, err := time.Parse(time.DateOnly, values.Get(column+"_from")); err == nil {
			q.From[column] = day
		}
		if day, err := time.Parse(time.DateOnly, values.Get(column+"_to")); err == nil {
			q.Until[column] = day.AddDate(0, 0, 1)
		}
	}
	return q
}

// listURL writes q back into a URL: every link on the list page is made with it.
func listURL(t Table, q ListQuery) string {
	values := url.Values{}
	if q.Search != "" {
		values.Set("q", q.Search)
	}
	sort := q.Sort
	if q.Desc {
		sort = "-" + sort
	}
	values.Set("sort", sort)
	if q.Page > 1 {
		values.Set("page", strconv.Itoa(q.Page))
	}
	for column, value := range q.Filters {
		values.Set(column, strconv.FormatBool(value))
	}
	for column, value := range q.Equal {
		values.Set(column, value)
	}
	for column, day := range q.From {
		values.Set(column+"_from", day.Format(time.DateOnly))
	}
	for column, day := range q.Until {
		values.Set(column+"_to", day.AddDate(0, 0, -1).Format(time.DateOnly))
	}
	return "/admin/" + t.Name + "?" + values.Encode()
}

// listColumn is a heading of the table: a link that sorts by it, or reverses the sort.
type listColumn struct {
	Label   string
	SortURL string
	Sorted  bool
	Desc    bool
}

// listRow is one row of the table, already written as text (html/template writes a number
// through fmt, slower than a string): the first column is the link to the row's page, the
// others are Cells.
type listRow struct {
	ID    string
	URL   string // the row's page
	Link  string // the first column's text, or "#ID" when it is empty
	Cells []string
	// Thumbnails holds, beside Cells, the thumbnail's address for an Image cell ("" for the
	// others); nil when the table lists no Image.
	Thumbnails []string
}

// filterChoice is one link of a filter: All, Yes or No.
type filterChoice struct {
	Label  string
	URL    string
	Active bool
}

type listFilter struct {
	Label   string
	Choices []filterChoice
}

// dateRange is a DateTime filter: two date inputs, the first and last day shown.
type dateRange struct {
	Column, Label, From, To string
}

// listView is what the list page and its table partial show.
type listView struct {
	Table             Table
	Query             ListQuery
	Columns           []listColumn
	Rows              []listRow
	Filters           []listFilter
	Ranges            []dateRange
	Counted           bool  // false: the page asks for Total at CountURL
	Total             int64 // every row that matches, not only this page's
	Page, Pages       int
	PrevURL, NextURL  string
	URL, ExportURL    string
	CountURL          string
	CanAdd, CanDelete bool
}

// List shows one page of a table's rows: the whole page, or only the table when htmx asks.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	t, ok := h.table(w, r)
	if !ok || !h.allow(w, r, t.Name, "view") {
		return
	}
	q := parseListQuery(t, r.URL.Query())
	page, err := h.store.List(r.Context(), t, q)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	if len(page.Rows) == 0 && q.Page > 1 { // past the end (?page=9999): show the last page
		h.toLastPage(w, r, t, q)
		return
	}
	view := listView{Table: t, Query: q, Counted: page.Counted, Total: page.Total, Page: q.Page, URL: listURL(t, q)}
	view.Pages = pageCount(page.Total)
	view.CountURL = view.URL + "&count=1" // URL always has a query: the sort
	view.CanAdd, err = h.may(r, t.Name, "add")
	if err == nil {
		view.CanDelete, err = h.may(r, t.Name, "delete")
	}
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	view.ExportURL = "/admin/" + t.Name + "/export.csv?" + strings.SplitN(view.URL, "?", 2)[1]
	for _, column := range t.List {
		f, _ := t.Field(column)
		sorted := q.Sort == column
		next := q
		next.Sort, next.Desc, next.Page = column, sorted && !q.Desc, 1
		view.Columns = append(view.Columns, listColumn{Label: f.Label, SortURL: listURL(t, next), Sorted: sorted, Desc: q.Desc})
	}
	labels, err := h.rowLabels(r, t, page.Rows)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	for _, row := range page.Rows {
		view.Rows = append(view.Rows, newListRow(t, row, labels, h.thumbnailURL))
	}
	options := map[string][]Option{}
	for _, column := range t.Filters {
		if f, _ := t.Field(column); f.Kind == Choice || f.Kind == ForeignKey {
			f.Required = true // no empty option: the filter's All link stands for it
			if options[column], err = h.selectOptions(r, f, q.Equal[column]); err != nil {
				h.render.ServerError(w, r, err)
				return
			}
		}
	}
	view.Filters = filterLinks(t, q, options)
	for _, column := range t.Filters {
		if f, _ := t.Field(column); f.Kind == DateTime || f.Kind == Date {
			r := dateRange{Column: column, Label: f.Label}
			if day, ok := q.From[column]; ok {
				r.From = day.Format(time.DateOnly)
			}
			if day, ok := q.Until[column]; ok {
				r.To = day.AddDate(0, 0, -1).Format(time.DateOnly)
			}
			view.Ranges = append(view.Ranges, r)
		}
	}
	if q.Page > 1 {
		prev := q
		prev.Page--
		view.PrevURL = listURL(t, prev)
	}
	if page.More {
		next := q
		next.Page++
		view.NextURL = listURL(t, next)
	}
	h.renderTable(w, r, "admin_list", "admin_table", view)
}

// newListRow writes row out as the table shows it; thumbnail gives the address of an Image
// cell's thumbnail.
func newListRow(t Table, row Row, labels map[string]map[int64]string, thumbnail func(key string) string) listRow {
	cells := make([]string, len(t.List))
	var thumbnails []string
	for i, column := range t.List {
		f, _ := t.Field(column)
		cells[i] = cell(f, row.Values[column], labels[column])
		if f.Kind == Image && i > 0 {
			if thumbnails == nil {
				thumbnails = make([]string, len(t.List))
			}
			if cells[i] != "" {
				thumbnails[i] = thumbnail(cells[i])
			}
		}
	}
	id := strconv.FormatInt(row.ID, 10)
	shown := listRow{ID: id, URL: "/admin/" + t.Name + "/" + id, Link: "#" + id, Cells: cells}
	if len(cells) > 0 {
		if cells[0] != "" {
			shown.Link = cells[0]
		}
		shown.Cells = cells[1:]
		if thumbnails != nil {
			shown.Thumbnails = thumbnails[1:]
		}
	}
	return shown
}

// toLastPage sends a list asked for a page past its end to its last page.
func (h *Handlers) toLastPage(w http.ResponseWriter, r *http.Request, t Table, q ListQuery) {
	counted := q
	counted.Page, counted.Count = 1, true
	page, err := h.store.List(r.Context(), t, counted)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	q.Page = web.LastPage(page.Total, PageSize)
	http.Redirect(w, r, listURL(t, q), http.StatusFound)
}

// pageCount is how many pages of PageSize rows total rows fill.
func pageCount(total int64) int {
	return int((total + PageSize - 1) / PageSize)
}

// renderTable answers htmx with partial, the part of a list page that holds its table and
// page links, and any other request (JavaScript off, or the back button restoring history)
// with the whole page.
func (h *Handlers) renderTable(w http.ResponseWriter, r *http.Request, page, partial string, view any) {
	// The answer depends on HX-Request: caches must keep the table and the page apart.
	w.Header().Add("Vary", "HX-Request")
	if web.IsHTMX(r) && r.Header.Get("HX-History-Restore-Request") != "true" {
		h.render.Partial(w, r, http.StatusOK, partial, view)
		return
	}
	h.render.Page(w, r, http.StatusOK, page, view)
}

// filterLinks builds the links of each filter: All, Yes and No for a Boolean, All and each
// option for a Choice or ForeignKey. Each keeps the rest of the query and goes back to page 1.
func filterLinks(t Table, q ListQuery, options map[string][]Option) []listFilter {
	var filters []listFilter
	for _, column := range t.Filters {
		f, _ := t.Field(column)
		if f.Kind == Choice || f.Kind == ForeignKey {
			filters = append(filters, optionLinks(t, q, f, options[column]))
		}
		if f.Kind != Boolean {
			continue // a date range is two inputs of the search form (pages/admin_list.html)
		}
		current, set := q.Filters[column]
		link := func(label, value string) filterChoice { // value is "", "true" or "false"
			next := q
			next.Page, next.Filters = 1, maps.Clone(q.Filters)
			delete(next.Filters, column)
			if value != "" {
				next.Filters[column] = value == "true"
			}
			active := value == "" && !set || set && value == strconv.FormatBool(current)
			return filterChoice{Label: label, URL: listURL(t, next), Active: active}
		}
		filters = append(filters, listFilter{Label: f.Label, Choices: []filterChoice{link("All", ""), link("Yes", "true"), link("No", "false")}})
	}
	return filters
}

// optionLinks builds the All link and one link per option of a Choice or ForeignKey filter.
func optionLinks(t Table, q ListQuery, f Field, options []Option) listFilter {
	link := func(label, value string) filterChoice { // value "" is All
		next := q
		next.Page, next.Equal = 1, maps.Clone(q.Equal)
		delete(next.Equal, f.Column)
		if value != "" {
			next.Equal[f.Column] = value
		}
		return filterChoice{Label: label, URL: listURL(t, next), Active: q.Equal[f.Column] == value}
	}
	filter := listFilter{Label: f.Label, Choices: []filterChoice{link("All", "")}}
	for _, o := range options {
		filter.Choices = append(filter.Choices, link(o.Label, o.Value))
	}
	return filter
}
