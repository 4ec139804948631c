// Tests of the public books pages through the whole app (server.New, with their routes in
// routes.go), on a real database. Made by
// `fastopp add model Book --pages`.

package pages_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestBooksPages(t *testing.T) {
	site, deps := newSite(t) // the whole app, with its routes in routes.go
	db := deps.DB
	service := services.NewBookService(db)
	authorID := testutil.InsertRow(t, db, "INSERT INTO authors (name) VALUES ($1) RETURNING id", "Name 9")
	ownerID := testutil.InsertRow(t, db, "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id", "owner@example.com", "!")
	row, err := service.Create(t.Context(), models.CreateBookParams{
		Title:     "Title 1",
		Pages:     41,
		Published: true,
		AuthorID:  authorID,
		OwnerID:   ownerID,
		Summary:   sql.NullString{String: "Some summary, number 1.", Valid: true},
		Price:     sql.NullString{String: "11.50", Valid: true},
		Released:  time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
		Rating:    1.5,
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := site.Get("/books")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`id="books-row-%d"`, row.ID)) {
		t.Errorf("list: status %d, want 200 and the new book:\n%s", resp.StatusCode, body)
	}
	resp, body = site.Get(fmt.Sprintf("/books/%d", row.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Title") {
		t.Errorf("detail: status %d, want 200 and the fields:\n%s", resp.StatusCode, body)
	}
	for _, missing := range []string{"/books/999999", "/books/abc"} {
		if resp, _ := site.Get(missing); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", missing, resp.StatusCode)
		}
	}
}

// TestBooksPageNumbers asks the list for every kind of ?page=: a page past the end
// (however big) goes to the last page, anything that is not a page number shows the first.
func TestBooksPageNumbers(t *testing.T) {
	site, deps := newSite(t)
	db := deps.DB
	service := services.NewBookService(db)
	authorID := testutil.InsertRow(t, db, "INSERT INTO authors (name) VALUES ($1) RETURNING id", "Name 9")
	ownerID := testutil.InsertRow(t, db, "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id", "owner@example.com", "!")
	if _, err := service.Create(t.Context(), models.CreateBookParams{
		Title:     "Title 1",
		Pages:     41,
		Published: true,
		AuthorID:  authorID,
		OwnerID:   ownerID,
		Summary:   sql.NullString{String: "Some summary, number 1.", Valid: true},
		Price:     sql.NullString{String: "11.50", Valid: true},
		Released:  time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
		Rating:    1.5,
	}); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"page=0", "page=-1", "page=", "page=abc", "page=2.5", "page=1&page=9", "page=%2B1",
		"page=-99999999999999999999", "page=2", "page=2147483647", "page=9223372036854775807", "page=99999999999999999999999"} {
		resp, body := site.Get("/books?" + query)
		switch {
		case resp.StatusCode == http.StatusFound && strings.Contains(resp.Header.Get("Location"), "page=1"):
		case resp.StatusCode == http.StatusOK && strings.Contains(body, `id="books-row-`):
		default:
			t.Errorf("?%s: status %d, Location %q: want the only page, or a redirect to it\n%.300s", query, resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
}
