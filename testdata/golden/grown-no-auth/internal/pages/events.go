// The public events pages, made by `fastopp add model Event --pages`: a list with
// search and pages at /events, and one event at /events/{id}. They only
// read; the admin adds, changes and deletes.

package pages

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/web"
)

// Events handles the events pages.
type Events struct {
	render  *web.Renderer
	service *services.EventService
}

// NewEvents returns the events page handlers.
func NewEvents(render *web.Renderer, service *services.EventService) *Events {
	return &Events{render: render, service: service}
}

// eventsLabels head the columns of the list and the lines of the detail page.
var eventsLabels = []string{"At"}

// eventCells writes each field of a event as text, in the order of the labels.
func eventCells(row models.Event) []string {
	return []string{
		row.At.UTC().Format("2006-01-02 15:04"),
	}
}

// eventRow is one line of the list: the id links to the detail page.
type eventRow struct {
	ID    int64
	Cells []string
}

// eventsView is what templates/pages/events.html shows.
type eventsView struct {
	Labels     []string
	Rows       []eventRow
	Search     string
	Total      int64
	Page       int
	Prev, Next int // 0 when there is no such page
}

// List shows one page of events; ?q= searches and ?page= turns the pages.
func (p *Events) List(w http.ResponseWriter, r *http.Request) {
	page := web.PageNumber(r.URL.Query()) // 1 for anything but a page number
	search := r.URL.Query().Get("q")
	rows, total, err := p.service.List(r.Context(), services.ListOptions{Search: search, Page: page})
	if err != nil {
		p.render.ServerError(w, r, err)
		return
	}
	if last := web.LastPage(total, services.PageSize); page > last { // past the end: show the last page
		http.Redirect(w, r, "/events?"+url.Values{"q": {search}, "page": {strconv.Itoa(last)}}.Encode(), http.StatusFound)
		return
	}
	view := eventsView{Labels: eventsLabels, Search: search, Total: total, Page: page}
	for _, row := range rows {
		view.Rows = append(view.Rows, eventRow{ID: row.ID, Cells: eventCells(row)})
	}
	if page > 1 {
		view.Prev = page - 1
	}
	if int64(page*services.PageSize) < total {
		view.Next = page + 1
	}
	p.render.Page(w, r, http.StatusOK, "events", view)
}

// eventView is what templates/pages/events_show.html shows.
type eventView struct {
	ID     int64
	Labels []string
	Cells  []string
}

// Show shows the event whose id is in the URL, or the 404 page.
func (p *Events) Show(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		NotFound(p.render).ServeHTTP(w, r)
		return
	}
	row, err := p.service.Get(r.Context(), id)
	if errors.Is(err, services.ErrNotFound) {
		NotFound(p.render).ServeHTTP(w, r)
		return
	}
	if err != nil {
		p.render.ServerError(w, r, err)
		return
	}
	p.render.Page(w, r, http.StatusOK, "events_show", eventView{ID: row.ID, Labels: eventsLabels, Cells: eventCells(row)})
}
