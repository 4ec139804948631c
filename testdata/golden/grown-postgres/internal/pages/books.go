// The public books pages, made by `fastopp add model Book --pages`: a list with
// search and pages at /books, and one book at /books/{id}. They only
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
	"myapp/internal/web"
)

// Books handles the books pages.
type Books struct {
	render  *web.Renderer
	service *services.BookService
}

// NewBooks returns the books page handlers.
func NewBooks(render *web.Renderer, service *services.BookService) *Books {
	return &Books{render: render, service: service}
}

// booksLabels head the columns of the list and the lines of the detail page.
var booksLabels = []string{"Title", "Pages", "Published", "Author", "Owner", "Summary", "Price", "Released", "Rating"}

// bookCells writes each field of a book as text, in the order of the labels.
func bookCells(row models.Book) []string {
	return []string{
		row.Title,
		fmt.Sprint(row.Pages),
		yesNo(row.Published),
		fmt.Sprint(row.AuthorID),
		fmt.Sprint(row.OwnerID),
		orEmpty(row.Summary.String, row.Summary.Valid),
		orEmpty(row.Price.String, row.Price.Valid),
		row.Released.Format(time.DateOnly),
		fmt.Sprint(row.Rating),
	}
}

// bookRow is one line of the list: the id links to the detail page.
type bookRow struct {
	ID    int64
	Cells []string
}

// booksView is what templates/pages/books.html shows.
type booksView struct {
	Labels     []string
	Rows       []bookRow
	Search     string
	Total      int64
	Page       int
	Prev, Next int // 0 when there is no such page
}

// List shows one page of books; ?q= searches and ?page= turns the pages.
func (p *Books) List(w http.ResponseWriter, r *http.Request) {
	page := web.PageNumber(r.URL.Query()) // 1 for anything but a page number
	search := r.URL.Query().Get("q")
	rows, total, err := p.service.List(r.Context(), services.ListOptions{Search: search, Page: page})
	if err != nil {
		p.render.ServerError(w, r, err)
		return
	}
	if last := web.LastPage(total, services.PageSize); page > last { // past the end: show the last page
		http.Redirect(w, r, "/books?"+url.Values{"q": {search}, "page": {strconv.Itoa(last)}}.Encode(), http.StatusFound)
		return
	}
	view := booksView{Labels: booksLabels, Search: search, Total: total, Page: page}
	for _, row := range rows {
		view.Rows = append(view.Rows, bookRow{ID: row.ID, Cells: bookCells(row)})
	}
	if page > 1 {
		view.Prev = page - 1
	}
	if int64(page*services.PageSize) < total {
		view.Next = page + 1
	}
	p.render.Page(w, r, http.StatusOK, "books", view)
}

// bookView is what templates/pages/books_show.html shows.
type bookView struct {
	ID     int64
	Labels []string
	Cells  []string
}

// Show shows the book whose id is in the URL, or the 404 page.
func (p *Books) Show(w http.ResponseWriter, r *http.Request) {
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
	p.render.Page(w, r, http.StatusOK, "books_show", bookView{ID: row.ID, Labels: booksLabels, Cells: bookCells(row)})
}
