// Tests of the public people pages through the whole app (server.New, with their routes in
// routes.go), on a real database. Made by
// `fastopp add model Person --pages`.

package pages_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
)

func TestPeoplePages(t *testing.T) {
	site, deps := newSite(t) // the whole app, with its routes in routes.go
	db := deps.DB
	service := services.NewPersonService(db)
	row, err := service.Create(t.Context(), models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := site.Get("/people")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`id="people-row-%d"`, row.ID)) {
		t.Errorf("list: status %d, want 200 and the new person:\n%s", resp.StatusCode, body)
	}
	resp, body = site.Get(fmt.Sprintf("/people/%d", row.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Name") {
		t.Errorf("detail: status %d, want 200 and the fields:\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `id="photo-image" src="/uploads/`) {
		t.Errorf("the detail page does not show the Photo:\n%s", body)
	}
	for _, missing := range []string{"/people/999999", "/people/abc"} {
		if resp, _ := site.Get(missing); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", missing, resp.StatusCode)
		}
	}
}

// TestPeoplePageNumbers asks the list for every kind of ?page=: a page past the end
// (however big) goes to the last page, anything that is not a page number shows the first.
func TestPeoplePageNumbers(t *testing.T) {
	site, deps := newSite(t)
	db := deps.DB
	service := services.NewPersonService(db)
	if _, err := service.Create(t.Context(), models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	}); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"page=0", "page=-1", "page=", "page=abc", "page=2.5", "page=1&page=9", "page=%2B1",
		"page=-99999999999999999999", "page=2", "page=2147483647", "page=9223372036854775807", "page=99999999999999999999999"} {
		resp, body := site.Get("/people?" + query)
		switch {
		case resp.StatusCode == http.StatusFound && strings.Contains(resp.Header.Get("Location"), "page=1"):
		case resp.StatusCode == http.StatusOK && strings.Contains(body, `id="people-row-`):
		default:
			t.Errorf("?%s: status %d, Location %q: want the only page, or a redirect to it\n%.300s", query, resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
}
