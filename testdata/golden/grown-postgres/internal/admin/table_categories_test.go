// The categories admin pages, end to end as a superuser: add, find, change and delete a
// category. Made by `fastopp add model Category`.

package admin_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestAdminCategories(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewCategoryService(s.db)
	parentID := testutil.InsertRow(t, s.db, "INSERT INTO categories (name, views) VALUES ($1, $2) RETURNING id", "Name 9", 49)

	form := url.Values{
		"name":      {"Name 1"},
		"parent_id": {fmt.Sprint(parentID)},
		"meta":      {"{\"size\": 1}"},
		"code":      {"123e4567-e89b-12d3-a456-426614174001"},
		"starts_at": {"2030-01-01T14:30"},
		"views":     {"41"},
		"day":       {"2030-01-01"},
		"featured":  {"on"},
	}
	// Image and file fields are sent as files, with the form (multipart/form-data).
	files := map[string][2]string{
		"cover":  {"photo.png", string(testutil.SamplePNG(t))},
		"manual": {"notes.txt", "Some notes."},
	}
	if resp, body := super.PostFiles("/admin/categories/new", form, files); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	// With no sort asked for, the newest category comes first: the one just added.
	rows, _, err := service.List(t.Context(), services.ListOptions{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("after add: %d categories, %v", len(rows), err)
	}
	id := rows[0].ID

	// The stored file is served to those who may view categories, and to anyone: its
	// pages are public (files.MakePublic in routes.go).
	key := rows[0].Cover.String
	staff := s.user("staff@example.com", auth.RoleStaff)
	for who, want := range map[*testutil.Client]int{super: http.StatusOK, staff: http.StatusOK, s.anonymous(): http.StatusOK} {
		if resp, _ := who.Get("/uploads/" + key); resp.StatusCode != want {
			t.Errorf("GET /uploads/%s: status %d, want %d", key, resp.StatusCode, want)
		}
	}

	list := "/admin/categories"
	list += "?q=" + url.QueryEscape("Name 1")
	if _, body := super.Get(list); !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, id)) {
		t.Errorf("the list does not show the new category:\n%s", body)
	}

	form.Set("name", "Name 2")
	if resp, body := super.PostForm(fmt.Sprintf("/admin/categories/%d", id), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: status %d\n%s", resp.StatusCode, body)
	}
	if changed, err := service.Get(t.Context(), id); err != nil || changed.Name != "Name 2" {
		t.Errorf("after change: %+v, %v", changed, err)
	}

	// The admin checks each save with the service's rules: the same function, run on the row as
	// the admin wrote it, so a rule added to services.ValidateCategory refuses it here too.
	var declared admin.Table
	for _, table := range admin.Tables() {
		if table.Name == "categories" {
			declared = table
		}
	}
	if declared.Validate == nil {
		t.Fatal("the admin's categories has no Validate: point it at services.ValidateCategory, as `fastopp add model` does")
	}
	tx, err := s.db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := declared.Validate(t.Context(), tx, id); err != nil {
		t.Errorf("the admin's Validate on the category it saved: %v", err)
	}
	if _, err := tx.ExecContext(t.Context(), fmt.Sprintf("UPDATE categories SET name = '' WHERE id = %d", id)); err != nil {
		t.Fatal(err)
	}
	var invalid services.ValidationError
	if err := declared.Validate(t.Context(), tx, id); !errors.As(err, &invalid) || invalid["name"] == "" {
		t.Errorf("the admin's Validate on a category with an empty name: %v, want the service's problem on name", err)
	}
	tx.Rollback()

	if resp, _ := super.PostForm(fmt.Sprintf("/admin/categories/%d/delete", id), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if _, err := service.Get(t.Context(), id); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}
