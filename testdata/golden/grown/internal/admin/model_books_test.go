// The books admin pages, end to end as a superuser: add, find, change and delete a
// book. Made by `fastopp add model Book`.

package admin_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestAdminBooks(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewBookService(s.db)
	authorID := testutil.InsertRow(t, s.db, "INSERT INTO authors (name) VALUES (?1) RETURNING id", "Name 9")
	ownerID := testutil.InsertRow(t, s.db, "INSERT INTO users (email, password_hash) VALUES (?1, ?2) RETURNING id", "owner@example.com", "!")

	form := url.Values{
		"title":     {"Title 1"},
		"pages":     {"41"},
		"published": {"on"},
		"author_id": {fmt.Sprint(authorID)},
		"owner_id":  {fmt.Sprint(ownerID)},
		"summary":   {"Some summary, number 1."},
		"price":     {"11.50"},
		"released":  {"2030-01-01"},
		"rating":    {"1.5"},
	}
	if status, body := super.post("/admin/books/new", form); status != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", status, body)
	}
	// With no sort asked for, the newest book comes first: the one just added.
	rows, _, err := service.List(t.Context(), services.ListOptions{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("after add: %d books, %v", len(rows), err)
	}
	id := rows[0].ID

	list := "/admin/books"
	list += "?q=" + url.QueryEscape("Title 1")
	if _, body := super.get(list); !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, id)) {
		t.Errorf("the list does not show the new book:\n%s", body)
	}

	form.Set("title", "Title 2")
	if status, body := super.post(fmt.Sprintf("/admin/books/%d", id), form); status != http.StatusSeeOther {
		t.Fatalf("change: status %d\n%s", status, body)
	}
	if changed, err := service.Get(t.Context(), id); err != nil || changed.Title != "Title 2" {
		t.Errorf("after change: %+v, %v", changed, err)
	}

	if status, _ := super.post(fmt.Sprintf("/admin/books/%d/delete", id), nil); status != http.StatusSeeOther {
		t.Fatalf("delete: status %d", status)
	}
	if _, err := service.Get(t.Context(), id); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}
