// The demo_categories admin pages, end to end as a superuser: add, find, change and delete a
// demo category. Written as `fastopp add model DemoCategory` writes them.

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
)

func TestAdminDemoCategories(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewDemoCategoryService(s.db)

	form := url.Values{
		"name": {"Name 1"},
	}
	if resp, body := super.PostForm("/admin/demo_categories/new", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	// With no sort asked for, the newest demo category comes first: the one just added.
	rows, _, err := service.List(t.Context(), services.ListOptions{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("after add: %d demo_categories, %v", len(rows), err)
	}
	id := rows[0].ID

	list := "/admin/demo_categories"
	list += "?q=" + url.QueryEscape("Name 1")
	if _, body := super.Get(list); !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, id)) {
		t.Errorf("the list does not show the new demo category:\n%s", body)
	}

	form.Set("name", "Name 2")
	if resp, body := super.PostForm(fmt.Sprintf("/admin/demo_categories/%d", id), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: status %d\n%s", resp.StatusCode, body)
	}
	if changed, err := service.Get(t.Context(), id); err != nil || changed.Name != "Name 2" {
		t.Errorf("after change: %+v, %v", changed, err)
	}

	// The admin checks each save with the service's rules: the same function, run on the row as
	// the admin wrote it, so a rule added to services.ValidateDemoCategory refuses it here too.
	var declared admin.Table
	for _, table := range admin.Tables() {
		if table.Name == "demo_categories" {
			declared = table
		}
	}
	if declared.Validate == nil {
		t.Fatal("the admin's demo_categories has no Validate: point it at services.ValidateDemoCategory, as `fastopp add model` does")
	}
	tx, err := s.db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := declared.Validate(t.Context(), tx, id); err != nil {
		t.Errorf("the admin's Validate on the demo category it saved: %v", err)
	}
	if _, err := tx.ExecContext(t.Context(), fmt.Sprintf("UPDATE demo_categories SET name = '' WHERE id = %d", id)); err != nil {
		t.Fatal(err)
	}
	var invalid services.ValidationError
	if err := declared.Validate(t.Context(), tx, id); !errors.As(err, &invalid) || invalid["name"] == "" {
		t.Errorf("the admin's Validate on a demo category with an empty name: %v, want the service's problem on name", err)
	}
	tx.Rollback()

	if resp, _ := super.PostForm(fmt.Sprintf("/admin/demo_categories/%d/delete", id), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if _, err := service.Get(t.Context(), id); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}
