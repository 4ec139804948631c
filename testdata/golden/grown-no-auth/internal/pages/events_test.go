// Tests of the public events pages through the whole app (server.New, with their routes in
// routes.go), on a real database. Made by
// `fastopp add model Event --pages`.

package pages_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"myapp/internal/services"
)

func TestEventsPages(t *testing.T) {
	site, deps := newSite(t) // the whole app, with its routes in routes.go
	db := deps.DB
	service := services.NewEventService(db)
	row, err := service.Create(t.Context(), time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	resp, body := site.Get("/events")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`id="events-row-%d"`, row.ID)) {
		t.Errorf("list: status %d, want 200 and the new event:\n%s", resp.StatusCode, body)
	}
	resp, body = site.Get(fmt.Sprintf("/events/%d", row.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "At") {
		t.Errorf("detail: status %d, want 200 and the fields:\n%s", resp.StatusCode, body)
	}
	for _, missing := range []string{"/events/999999", "/events/abc"} {
		if resp, _ := site.Get(missing); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", missing, resp.StatusCode)
		}
	}
}

// TestEventsPageNumbers asks the list for every kind of ?page=: a page past the end
// (however big) goes to the last page, anything that is not a page number shows the first.
func TestEventsPageNumbers(t *testing.T) {
	site, deps := newSite(t)
	db := deps.DB
	service := services.NewEventService(db)
	if _, err := service.Create(t.Context(), time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"page=0", "page=-1", "page=", "page=abc", "page=2.5", "page=1&page=9", "page=%2B1",
		"page=-99999999999999999999", "page=2", "page=2147483647", "page=9223372036854775807", "page=99999999999999999999999"} {
		resp, body := site.Get("/events?" + query)
		switch {
		case resp.StatusCode == http.StatusFound && strings.Contains(resp.Header.Get("Location"), "page=1"):
		case resp.StatusCode == http.StatusOK && strings.Contains(body, `id="events-row-`):
		default:
			t.Errorf("?%s: status %d, Location %q: want the only page, or a redirect to it\n%.300s", query, resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
}
