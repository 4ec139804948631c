// Tests of the public categories pages through the whole app (server.New, with their routes in
// routes.go), on a real database. Made by
// `fastopp add model Category --pages`.

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

func TestCategoriesPages(t *testing.T) {
	site, deps := newSite(t) // the whole app, with its routes in routes.go
	db := deps.DB
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
	row, err := service.Create(t.Context(), models.CreateCategoryParams{
		Name:     "Name 1",
		ParentID: sql.NullInt64{Int64: parentID, Valid: true},
		Meta:     sql.NullString{String: "{\"size\": 1}", Valid: true},
		Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174001", Valid: true},
		Cover:    sql.NullString{String: "Cover 1", Valid: true},
		Manual:   sql.NullString{String: "Manual 1", Valid: true},
		StartsAt: sql.NullTime{Time: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Valid: true},
		Views:    41,
		Day:      sql.NullTime{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
		Featured: sql.NullBool{Bool: true, Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := site.Get("/categories")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`id="categories-row-%d"`, row.ID)) {
		t.Errorf("list: status %d, want 200 and the new category:\n%s", resp.StatusCode, body)
	}
	resp, body = site.Get(fmt.Sprintf("/categories/%d", row.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Name") {
		t.Errorf("detail: status %d, want 200 and the fields:\n%s", resp.StatusCode, body)
	}
	for _, missing := range []string{"/categories/999999", "/categories/abc"} {
		if resp, _ := site.Get(missing); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", missing, resp.StatusCode)
		}
	}
}

// TestCategoriesPageNumbers asks the list for every kind of ?page=: a page past the end
// (however big) goes to the last page, anything that is not a page number shows the first.
func TestCategoriesPageNumbers(t *testing.T) {
	site, deps := newSite(t)
	db := deps.DB
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
	if _, err := service.Create(t.Context(), models.CreateCategoryParams{
		Name:     "Name 1",
		ParentID: sql.NullInt64{Int64: parentID, Valid: true},
		Meta:     sql.NullString{String: "{\"size\": 1}", Valid: true},
		Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174001", Valid: true},
		Cover:    sql.NullString{String: "Cover 1", Valid: true},
		Manual:   sql.NullString{String: "Manual 1", Valid: true},
		StartsAt: sql.NullTime{Time: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Valid: true},
		Views:    41,
		Day:      sql.NullTime{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
		Featured: sql.NullBool{Bool: true, Valid: true},
	}); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"page=0", "page=-1", "page=", "page=abc", "page=2.5", "page=1&page=9", "page=%2B1",
		"page=-99999999999999999999", "page=2", "page=2147483647", "page=9223372036854775807", "page=99999999999999999999999"} {
		resp, body := site.Get("/categories?" + query)
		switch {
		case resp.StatusCode == http.StatusFound && strings.Contains(resp.Header.Get("Location"), "page=1"):
		case resp.StatusCode == http.StatusOK && strings.Contains(body, `id="categories-row-`):
		default:
			t.Errorf("?%s: status %d, Location %q: want the only page, or a redirect to it\n%.300s", query, resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
}
