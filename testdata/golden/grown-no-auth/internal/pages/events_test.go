// Tests of the public events pages, on a real database. Made by
// `fastopp add model Event --pages`.

package pages_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"myapp/internal/pages"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestEventsPages(t *testing.T) {
	db := testutil.NewDB(t)
	service := services.NewEventService(db)
	row, err := service.Create(t.Context(), time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	handlers := pages.NewEvents(newRenderer(t), service)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /events", handlers.List)
	mux.HandleFunc("GET /events/{id}", handlers.Show)

	status, _, body := call(t, mux, httptest.NewRequest(http.MethodGet, "/events", nil))
	if status != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`id="events-row-%d"`, row.ID)) {
		t.Errorf("list: status %d, want 200 and the new event:\n%s", status, body)
	}
	status, _, body = call(t, mux, httptest.NewRequest(http.MethodGet, fmt.Sprintf("/events/%d", row.ID), nil))
	if status != http.StatusOK || !strings.Contains(body, "At") {
		t.Errorf("detail: status %d, want 200 and the fields:\n%s", status, body)
	}
	for _, missing := range []string{"/events/999999", "/events/abc"} {
		if status, _, _ := call(t, mux, httptest.NewRequest(http.MethodGet, missing, nil)); status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", missing, status)
		}
	}
}

// TestEventsPageNumbers asks the list for every kind of ?page=: a page past the end
// (however big) goes to the last page, anything that is not a page number shows the first.
func TestEventsPageNumbers(t *testing.T) {
	db := testutil.NewDB(t)
	service := services.NewEventService(db)
	if _, err := service.Create(t.Context(), time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	handlers := pages.NewEvents(newRenderer(t), service)
	for _, query := range []string{"page=0", "page=-1", "page=", "page=abc", "page=2.5", "page=1&page=9", "page=%2B1",
		"page=-99999999999999999999", "page=2", "page=2147483647", "page=9223372036854775807", "page=99999999999999999999999"} {
		status, header, body := call(t, http.HandlerFunc(handlers.List), httptest.NewRequest(http.MethodGet, "/events?"+query, nil))
		switch {
		case status == http.StatusFound && strings.Contains(header.Get("Location"), "page=1"):
		case status == http.StatusOK && strings.Contains(body, `id="events-row-`):
		default:
			t.Errorf("?%s: status %d, Location %q: want the only page, or a redirect to it\n%.300s", query, status, header.Get("Location"), body)
		}
	}
}
