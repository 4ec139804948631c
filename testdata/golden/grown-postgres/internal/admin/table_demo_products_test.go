// The demo_products admin pages, end to end as a superuser: add, find, change and delete a
// demo product. Written as `fastopp add model DemoProduct` writes them.

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

func TestAdminDemoProducts(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewDemoProductService(s.db)
	categoryID := testutil.InsertRow(t, s.db, "INSERT INTO demo_categories (name) VALUES ($1) RETURNING id", "Name 9")

	form := url.Values{
		"name":        {"Name 1"},
		"category_id": {fmt.Sprint(categoryID)},
		"price":       {"11.50"},
		"stock":       {"41"},
		"description": {"Some description, number 1."},
	}
	if resp, body := super.PostForm("/admin/demo_products/new", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	// With no sort asked for, the newest demo product comes first: the one just added.
	rows, _, err := service.List(t.Context(), services.ListOptions{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("after add: %d demo_products, %v", len(rows), err)
	}
	id := rows[0].ID

	list := "/admin/demo_products"
	list += "?q=" + url.QueryEscape("Name 1")
	if _, body := super.Get(list); !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, id)) {
		t.Errorf("the list does not show the new demo product:\n%s", body)
	}

	form.Set("name", "Name 2")
	if resp, body := super.PostForm(fmt.Sprintf("/admin/demo_products/%d", id), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: status %d\n%s", resp.StatusCode, body)
	}
	if changed, err := service.Get(t.Context(), id); err != nil || changed.Name != "Name 2" {
		t.Errorf("after change: %+v, %v", changed, err)
	}

	// The admin checks each save with the service's rules: the same function, run on the row as
	// the admin wrote it, so a rule added to services.ValidateDemoProduct refuses it here too.
	var declared admin.Table
	for _, table := range admin.Tables() {
		if table.Name == "demo_products" {
			declared = table
		}
	}
	if declared.Validate == nil {
		t.Fatal("the admin's demo_products has no Validate: point it at services.ValidateDemoProduct, as `fastopp add model` does")
	}
	tx, err := s.db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := declared.Validate(t.Context(), tx, id); err != nil {
		t.Errorf("the admin's Validate on the demo product it saved: %v", err)
	}
	if _, err := tx.ExecContext(t.Context(), fmt.Sprintf("UPDATE demo_products SET name = '' WHERE id = %d", id)); err != nil {
		t.Fatal(err)
	}
	var invalid services.ValidationError
	if err := declared.Validate(t.Context(), tx, id); !errors.As(err, &invalid) || invalid["name"] == "" {
		t.Errorf("the admin's Validate on a demo product with an empty name: %v, want the service's problem on name", err)
	}
	tx.Rollback()

	if resp, _ := super.PostForm(fmt.Sprintf("/admin/demo_products/%d/delete", id), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if _, err := service.Get(t.Context(), id); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}

// TestAdminDemoProductsPriceIsANumber saves Price values through the admin's form and
// checks that the database keeps them exactly and sorts and compares them as numbers, not as
// text (where "5.00" would come after "1000.50").
func TestAdminDemoProductsPriceIsANumber(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewDemoProductService(s.db)
	categoryID := testutil.InsertRow(t, s.db, "INSERT INTO demo_categories (name) VALUES ($1) RETURNING id", "Name 9")
	// What is typed in the form, and what the database gives back: two decimals, as NUMERIC(12, 2).
	saved := map[string]string{"1000.50": "1000.50", "5.00": "5.00", "-12.5": "-12.50", "10000": "10000.00", "0": "0.00", "99.99": "99.99"}
	i := 0
	for typed := range saved {
		i++
		form := url.Values{
			"name":        {"Name 1"},
			"category_id": {fmt.Sprint(categoryID)},
			"price":       {"11.50"},
			"stock":       {"41"},
			"description": {"Some description, number 1."},
		}
		form.Set("price", typed)
		if resp, body := super.PostForm("/admin/demo_products/new", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add price %s: status %d\n%s", typed, resp.StatusCode, body)
		}
	}

	// Kept exactly, and found again by its value written another way (5 finds 5.00).
	for typed, want := range saved {
		var got string
		if err := s.db.QueryRowContext(t.Context(), "SELECT price FROM demo_products WHERE price = '"+typed+"'").Scan(&got); err != nil || got != want {
			t.Errorf("price saved as %s: read back %q, %v; want %q", typed, got, err, want)
		}
	}
	// Compared as numbers: only 1000.50 and 10000 are above 99.99; -20 to 5 holds three.
	for condition, want := range map[string]int{"> '99.99'": 2, "BETWEEN '-20' AND '5'": 3, "< 0": 1, ">= '1000.5'": 2} {
		var n int
		if err := s.db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM demo_products WHERE price "+condition).Scan(&n); err != nil || n != want {
			t.Errorf("price %s: %d rows, %v; want %d", condition, n, err, want)
		}
	}
	var largest string
	if err := s.db.QueryRowContext(t.Context(), "SELECT MAX(price) FROM demo_products").Scan(&largest); err != nil || largest != "10000.00" {
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
			got = append(got, row.Price)
		}
		if !slices.Equal(got, want) {
			t.Errorf("sort=%s: %q, want %q", sort, got, want)
		}
	}

	// And in the admin's list, sorted by the column.
	_, body := super.Get("/admin/demo_products?sort=-price")
	if a, b := strings.Index(body, ">1000.50<"), strings.Index(body, ">5.00<"); a < 0 || b < 0 || a > b {
		t.Errorf("admin sort=-price: 1000.50 at %d, 5.00 at %d; want 1000.50 first", a, b)
	}
}
