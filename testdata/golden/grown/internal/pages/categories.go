// The public categories pages, made by `fastopp add model Category --pages`: a list with
// search and pages at /categories, and one category at /categories/{id}. They only
// read; the admin adds, changes and deletes.

package pages

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/uploads"
	"myapp/internal/web"
)

// Categories handles the categories pages.
type Categories struct {
	render  *web.Renderer
	service *services.CategoryService
	files   *uploads.Files // where the pages link the files: /uploads/, or S3_CDN_URL
}

// NewCategories returns the categories page handlers.
func NewCategories(render *web.Renderer, service *services.CategoryService, files *uploads.Files) *Categories {
	return &Categories{render: render, service: service, files: files}
}

// categoriesLabels head the columns of the list and the lines of the detail page.
var categoriesLabels = []string{"Name", "Parent", "Meta", "Code", "Cover", "Manual", "Starts at", "Views", "Day", "Featured"}

// categoryCells writes each field of a category as text, in the order of the labels; an
// image or file field as the address of its file ("" when there is none).
func categoryCells(row models.Category, files *uploads.Files) []string {
	return []string{
		row.Name,
		orEmpty(fmt.Sprint(row.ParentID.Int64), row.ParentID.Valid),
		orEmpty(row.Meta.String, row.Meta.Valid),
		orEmpty(row.Code.String, row.Code.Valid),
		files.URL(row.Cover.String),
		files.URL(row.Manual.String),
		orEmpty(row.StartsAt.Time.UTC().Format("2006-01-02 15:04"), row.StartsAt.Valid),
		fmt.Sprint(row.Views),
		orEmpty(row.Day.Time.Format(time.DateOnly), row.Day.Valid),
		orEmpty(yesNo(row.Featured.Bool), row.Featured.Valid),
	}
}

// categoryRow is one line of the list: the id links to the detail page.
type categoryRow struct {
	ID    int64
	Cells []string
}

// categoriesView is what templates/pages/categories.html shows.
type categoriesView struct {
	Labels     []string
	Rows       []categoryRow
	Search     string
	Total      int64
	Page       int
	Prev, Next int // 0 when there is no such page
}

// List shows one page of categories; ?q= searches and ?page= turns the pages.
func (p *Categories) List(w http.ResponseWriter, r *http.Request) {
	page := web.PageNumber(r.URL.Query()) // 1 for anything but a page number
	search := r.URL.Query().Get("q")
	rows, total, err := p.service.List(r.Context(), services.ListOptions{Search: search, Page: page})
	if err != nil {
		p.render.ServerError(w, r, err)
		return
	}
	if last := web.LastPage(total, services.PageSize); page > last { // past the end: show the last page
		http.Redirect(w, r, "/categories?"+url.Values{"q": {search}, "page": {strconv.Itoa(last)}}.Encode(), http.StatusFound)
		return
	}
	view := categoriesView{Labels: categoriesLabels, Search: search, Total: total, Page: page}
	for _, row := range rows {
		view.Rows = append(view.Rows, categoryRow{ID: row.ID, Cells: categoryCells(row, p.files)})
	}
	if page > 1 {
		view.Prev = page - 1
	}
	if int64(page*services.PageSize) < total {
		view.Next = page + 1
	}
	p.render.Page(w, r, http.StatusOK, "categories", view)
}

// categoryView is what templates/pages/categories_show.html shows.
type categoryView struct {
	ID     int64
	Labels []string
	Cells  []string
}

// Show shows the category whose id is in the URL, or the 404 page.
func (p *Categories) Show(w http.ResponseWriter, r *http.Request) {
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
	p.render.Page(w, r, http.StatusOK, "categories_show", categoryView{ID: row.ID, Labels: categoriesLabels, Cells: categoryCells(row, p.files)})
}
