// Tests of the public books pages, on a real database. Made by
// `fastopp add model Book --pages`.

package pages_test

import (
	"fmt"
	"myapp/internal/models"
	"myapp/internal/pages"
	"myapp/internal/services"
	"myapp/internal/testutil"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestBooksPages(t *testing.T) {
	db := testutil.NewDB(t)
	service := services.NewBookService(db)
	authorID := testutil.InsertRow(t, db, "INSERT INTO authors (name) VALUES (?1) RETURNING id", "Name 9")
	row, err := service.Create(t.Context(), models.CreateBookParams{
		Title:    "Title 1",
		AuthorID: authorID,
	})
	if err != nil {
		t.Fatal(err)
	}
	handlers := pages.NewBooks(newRenderer(t), service)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /books", handlers.List)
	mux.HandleFunc("GET /books/{id}", handlers.Show)

	status, _, body := call(t, mux, httptest.NewRequest(http.MethodGet, "/books", nil))
	if status != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`id="books-row-%d"`, row.ID)) {
		t.Errorf("list: status %d, want 200 and the new book:\n%s", status, body)
	}
	status, _, body = call(t, mux, httptest.NewRequest(http.MethodGet, fmt.Sprintf("/books/%d", row.ID), nil))
	if status != http.StatusOK || !strings.Contains(body, "Title") {
		t.Errorf("detail: status %d, want 200 and the fields:\n%s", status, body)
	}
	for _, missing := range []string{"/books/999999", "/books/abc"} {
		if status, _, _ := call(t, mux, httptest.NewRequest(http.MethodGet, missing, nil)); status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", missing, status)
		}
	}
}
