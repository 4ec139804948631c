// The public people pages, made by `fastopp add model Person --pages`: a list with
// search and pages at /people, and one person at /people/{id}. They only
// read; the admin adds, changes and deletes.

package pages

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/uploads"
	"myapp/internal/web"
)

// People handles the people pages.
type People struct {
	render  *web.Renderer
	service *services.PersonService
	files   *uploads.Files // where the pages link the files: /uploads/, or S3_CDN_URL
}

// NewPeople returns the people page handlers.
func NewPeople(render *web.Renderer, service *services.PersonService, files *uploads.Files) *People {
	return &People{render: render, service: service, files: files}
}

// peopleLabels head the columns of the list and the lines of the detail page.
var peopleLabels = []string{"Name", "Photo", "Cv"}

// personCells writes each field of a person as text, in the order of the labels; an
// image or file field as the address of its file ("" when there is none).
func personCells(row models.Person, files *uploads.Files) []string {
	return []string{
		row.Name,
		files.URL(row.Photo),
		files.URL(row.Cv.String),
	}
}

// personRow is one line of the list: the id links to the detail page.
type personRow struct {
	ID    int64
	Cells []string
}

// peopleView is what templates/pages/people.html shows.
type peopleView struct {
	Labels     []string
	Rows       []personRow
	Search     string
	Total      int64
	Page       int
	Prev, Next int // 0 when there is no such page
}

// List shows one page of people; ?q= searches and ?page= turns the pages.
func (p *People) List(w http.ResponseWriter, r *http.Request) {
	page := web.PageNumber(r.URL.Query()) // 1 for anything but a page number
	search := r.URL.Query().Get("q")
	rows, total, err := p.service.List(r.Context(), services.ListOptions{Search: search, Page: page})
	if err != nil {
		p.render.ServerError(w, r, err)
		return
	}
	if last := web.LastPage(total, services.PageSize); page > last { // past the end: show the last page
		http.Redirect(w, r, "/people?"+url.Values{"q": {search}, "page": {strconv.Itoa(last)}}.Encode(), http.StatusFound)
		return
	}
	view := peopleView{Labels: peopleLabels, Search: search, Total: total, Page: page}
	for _, row := range rows {
		view.Rows = append(view.Rows, personRow{ID: row.ID, Cells: personCells(row, p.files)})
	}
	if page > 1 {
		view.Prev = page - 1
	}
	if int64(page*services.PageSize) < total {
		view.Next = page + 1
	}
	p.render.Page(w, r, http.StatusOK, "people", view)
}

// personView is what templates/pages/people_show.html shows.
type personView struct {
	ID     int64
	Labels []string
	Cells  []string
}

// Show shows the person whose id is in the URL, or the 404 page.
func (p *People) Show(w http.ResponseWriter, r *http.Request) {
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
	p.render.Page(w, r, http.StatusOK, "people_show", personView{ID: row.ID, Labels: peopleLabels, Cells: personCells(row, p.files)})
}
