// The receipts admin pages, end to end as a superuser: add, find, change and delete a
// receipt. Made by `fastopp add model Receipt`.

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

func TestAdminReceipts(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewReceiptService(s.db)

	form := url.Values{
		"total": {"11.50"},
		"paid":  {"on"},
	}
	// Image and file fields are sent as files, with the form (multipart/form-data).
	files := map[string][2]string{
		"scan": {"photo.png", string(testutil.SamplePNG(t))},
	}
	if resp, body := super.PostFiles("/admin/receipts/new", form, files); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	// With no sort asked for, the newest receipt comes first: the one just added.
	rows, _, err := service.List(t.Context(), services.ListOptions{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("after add: %d receipts, %v", len(rows), err)
	}
	id := rows[0].ID

	// The stored file is served to those who may view receipts, to no one else.
	key := rows[0].Scan.String
	staff := s.user("staff@example.com", auth.RoleStaff, "receipts.add")
	for who, want := range map[*testutil.Client]int{super: http.StatusOK, staff: http.StatusNotFound, s.anonymous(): http.StatusNotFound} {
		if resp, _ := who.Get("/uploads/" + key); resp.StatusCode != want {
			t.Errorf("GET /uploads/%s: status %d, want %d", key, resp.StatusCode, want)
		}
	}

	list := "/admin/receipts"
	if _, body := super.Get(list); !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, id)) {
		t.Errorf("the list does not show the new receipt:\n%s", body)
	}
	if resp, body := super.PostForm(fmt.Sprintf("/admin/receipts/%d", id), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: status %d\n%s", resp.StatusCode, body)
	}

	// The admin checks each save with the service's rules: the same function, run on the row as
	// the admin wrote it, so a rule added to services.ValidateReceipt refuses it here too.
	var declared admin.Table
	for _, table := range admin.Tables() {
		if table.Name == "receipts" {
			declared = table
		}
	}
	if declared.Validate == nil {
		t.Fatal("the admin's receipts has no Validate: point it at services.ValidateReceipt, as `fastopp add model` does")
	}
	tx, err := s.db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := declared.Validate(t.Context(), tx, id); err != nil {
		t.Errorf("the admin's Validate on the receipt it saved: %v", err)
	}
	tx.Rollback()

	if resp, _ := super.PostForm(fmt.Sprintf("/admin/receipts/%d/delete", id), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if _, err := service.Get(t.Context(), id); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}

// TestAdminReceiptsTotalIsANumber saves Total values through the admin's form and
// checks that the database keeps them exactly and sorts and compares them as numbers, not as
// text (where "5.00" would come after "1000.50").
func TestAdminReceiptsTotalIsANumber(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewReceiptService(s.db)
	// What is typed in the form, and what the database gives back: two decimals, as NUMERIC(12, 2).
	saved := map[string]string{"1000.50": "1000.50", "5.00": "5.00", "-12.5": "-12.50", "10000": "10000.00", "0": "0.00", "99.99": "99.99"}
	i := 0
	for typed := range saved {
		i++
		form := url.Values{
			"total": {"11.50"},
			"paid":  {"on"},
		}
		form.Set("total", typed)
		if resp, body := super.PostFiles("/admin/receipts/new", form, map[string][2]string{
			"scan": {"photo.png", string(testutil.SamplePNG(t))},
		}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add total %s: status %d\n%s", typed, resp.StatusCode, body)
		}
	}

	// Kept exactly, and found again by its value written another way (5 finds 5.00).
	for typed, want := range saved {
		var got string
		if err := s.db.QueryRowContext(t.Context(), "SELECT total FROM receipts WHERE total = '"+typed+"'").Scan(&got); err != nil || got != want {
			t.Errorf("total saved as %s: read back %q, %v; want %q", typed, got, err, want)
		}
	}
	// Compared as numbers: only 1000.50 and 10000 are above 99.99; -20 to 5 holds three.
	for condition, want := range map[string]int{"> '99.99'": 2, "BETWEEN '-20' AND '5'": 3, "< 0": 1, ">= '1000.5'": 2} {
		var n int
		if err := s.db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM receipts WHERE total "+condition).Scan(&n); err != nil || n != want {
			t.Errorf("total %s: %d rows, %v; want %d", condition, n, err, want)
		}
	}
	var largest string
	if err := s.db.QueryRowContext(t.Context(), "SELECT MAX(total) FROM receipts").Scan(&largest); err != nil || largest != "10000.00" {
		t.Errorf("MAX(total) = %q, %v; want 10000.00", largest, err)
	}

	// Sorted as numbers, both ways, by the model's own list query.
	ascending := []string{"-12.50", "0.00", "5.00", "99.99", "1000.50", "10000.00"}
	descending := slices.Clone(ascending)
	slices.Reverse(descending)
	for sort, want := range map[string][]string{"total": ascending, "-total": descending} {
		rows, _, err := service.List(t.Context(), services.ListOptions{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, row := range rows {
			got = append(got, row.Total)
		}
		if !slices.Equal(got, want) {
			t.Errorf("sort=%s: %q, want %q", sort, got, want)
		}
	}

	// And in the admin's list, sorted by the column.
	_, body := super.Get("/admin/receipts?sort=-total")
	if a, b := strings.Index(body, ">1000.50<"), strings.Index(body, ">5.00<"); a < 0 || b < 0 || a > b {
		t.Errorf("admin sort=-total: 1000.50 at %d, 5.00 at %d; want 1000.50 first", a, b)
	}
}
