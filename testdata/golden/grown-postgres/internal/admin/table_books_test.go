// The books admin pages, end to end as a superuser: add, find, change and delete a
// book. Made by `fastopp add model Book`.

package admin_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestAdminBooks(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewBookService(s.db)
	authorID := testutil.InsertRow(t, s.db, "INSERT INTO authors (name) VALUES ($1) RETURNING id", "Name 9")
	ownerID := testutil.InsertRow(t, s.db, "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id", "owner@example.com", "!")

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
	if resp, body := super.PostForm("/admin/books/new", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	// With no sort asked for, the newest book comes first: the one just added.
	rows, _, err := service.List(t.Context(), services.ListOptions{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("after add: %d books, %v", len(rows), err)
	}
	id := rows[0].ID

	list := "/admin/books"
	list += "?q=" + url.QueryEscape("Title 1")
	if _, body := super.Get(list); !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, id)) {
		t.Errorf("the list does not show the new book:\n%s", body)
	}

	form.Set("title", "Title 2")
	if resp, body := super.PostForm(fmt.Sprintf("/admin/books/%d", id), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: status %d\n%s", resp.StatusCode, body)
	}
	if changed, err := service.Get(t.Context(), id); err != nil || changed.Title != "Title 2" {
		t.Errorf("after change: %+v, %v", changed, err)
	}

	// The admin checks each save with the service's rules: the same function, run on the row as
	// the admin wrote it, so a rule added to services.ValidateBook refuses it here too.
	var declared admin.Table
	for _, table := range admin.Tables() {
		if table.Name == "books" {
			declared = table
		}
	}
	if declared.Validate == nil {
		t.Fatal("the admin's books has no Validate: point it at services.ValidateBook, as `fastopp add model` does")
	}
	tx, err := s.db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := declared.Validate(t.Context(), tx, id); err != nil {
		t.Errorf("the admin's Validate on the book it saved: %v", err)
	}
	if _, err := tx.ExecContext(t.Context(), fmt.Sprintf("UPDATE books SET title = '' WHERE id = %d", id)); err != nil {
		t.Fatal(err)
	}
	var invalid services.ValidationError
	if err := declared.Validate(t.Context(), tx, id); !errors.As(err, &invalid) || invalid["title"] == "" {
		t.Errorf("the admin's Validate on a book with an empty title: %v, want the service's problem on title", err)
	}
	tx.Rollback()

	if resp, _ := super.PostForm(fmt.Sprintf("/admin/books/%d/delete", id), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if _, err := service.Get(t.Context(), id); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}

// TestAdminBooksPriceIsANumber saves Price values through the admin's form and
// checks that the database keeps them exactly and sorts and compares them as numbers, not as
// text (where "5.00" would come after "1000.50").
func TestAdminBooksPriceIsANumber(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewBookService(s.db)
	authorID := testutil.InsertRow(t, s.db, "INSERT INTO authors (name) VALUES ($1) RETURNING id", "Name 9")
	ownerID := testutil.InsertRow(t, s.db, "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id", "owner@example.com", "!")
	// What is typed in the form, and what the database gives back: two decimals, as NUMERIC(12, 2).
	saved := map[string]string{"1000.50": "1000.50", "5.00": "5.00", "-12.5": "-12.50", "10000": "10000.00", "0": "0.00", "99.99": "99.99"}
	i := 0
	for typed := range saved {
		i++
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
		form.Set("price", typed)
		if resp, body := super.PostForm("/admin/books/new", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add price %s: status %d\n%s", typed, resp.StatusCode, body)
		}
	}

	// Kept exactly, and found again by its value written another way (5 finds 5.00).
	for typed, want := range saved {
		var got string
		if err := s.db.QueryRowContext(t.Context(), "SELECT price FROM books WHERE price = '"+typed+"'").Scan(&got); err != nil || got != want {
			t.Errorf("price saved as %s: read back %q, %v; want %q", typed, got, err, want)
		}
	}
	// Compared as numbers: only 1000.50 and 10000 are above 99.99; -20 to 5 holds three.
	for condition, want := range map[string]int{"> '99.99'": 2, "BETWEEN '-20' AND '5'": 3, "< 0": 1, ">= '1000.5'": 2} {
		var n int
		if err := s.db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM books WHERE price "+condition).Scan(&n); err != nil || n != want {
			t.Errorf("price %s: %d rows, %v; want %d", condition, n, err, want)
		}
	}
	var largest string
	if err := s.db.QueryRowContext(t.Context(), "SELECT MAX(price) FROM books").Scan(&largest); err != nil || largest != "10000.00" {
		t.Errorf("MAX(price) = %q, %v; want 10000.00", largest, err)
	}

	// Sorted as numbers, both ways, by the model's own list query.
	ascending := []string{"-12.50", "0.00", "5.00", "99.99", "1000.50", "10000.00"}
	descending := slices.Clone(ascending)
	slices.Reverse(descending)
	for sort, want := range map[string][]string{"price": ascending, "-price": descending} {
		rows, _, err := service.List(t.Context(), services.ListOptions{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, row := range rows {
			got = append(got, row.Price.String)
		}
		if !slices.Equal(got, want) {
			t.Errorf("sort=%s: %q, want %q", sort, got, want)
		}
	}
}
