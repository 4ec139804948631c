// The demo_webinars admin pages, end to end as a superuser: add, find, change and delete a
// demo webinar. Written as `fastopp add model DemoWebinar` writes them.

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

func TestAdminDemoWebinars(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewDemoWebinarService(s.db)

	form := url.Values{
		"title":       {"Title 1"},
		"presenter":   {"Presenter 1"},
		"starts_at":   {"2030-01-01T14:30"},
		"description": {"Some description, number 1."},
	}
	if resp, body := super.PostForm("/admin/demo_webinars/new", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	// With no sort asked for, the newest demo webinar comes first: the one just added.
	rows, _, err := service.List(t.Context(), services.ListOptions{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("after add: %d demo_webinars, %v", len(rows), err)
	}
	id := rows[0].ID

	list := "/admin/demo_webinars"
	list += "?q=" + url.QueryEscape("Title 1")
	if _, body := super.Get(list); !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, id)) {
		t.Errorf("the list does not show the new demo webinar:\n%s", body)
	}

	form.Set("title", "Title 2")
	if resp, body := super.PostForm(fmt.Sprintf("/admin/demo_webinars/%d", id), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: status %d\n%s", resp.StatusCode, body)
	}
	if changed, err := service.Get(t.Context(), id); err != nil || changed.Title != "Title 2" {
		t.Errorf("after change: %+v, %v", changed, err)
	}

	// The admin checks each save with the service's rules: the same function, run on the row as
	// the admin wrote it, so a rule added to services.ValidateDemoWebinar refuses it here too.
	var declared admin.Table
	for _, table := range admin.Tables() {
		if table.Name == "demo_webinars" {
			declared = table
		}
	}
	if declared.Validate == nil {
		t.Fatal("the admin's demo_webinars has no Validate: point it at services.ValidateDemoWebinar, as `fastopp add model` does")
	}
	tx, err := s.db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := declared.Validate(t.Context(), tx, id); err != nil {
		t.Errorf("the admin's Validate on the demo webinar it saved: %v", err)
	}
	if _, err := tx.ExecContext(t.Context(), fmt.Sprintf("UPDATE demo_webinars SET title = '' WHERE id = %d", id)); err != nil {
		t.Fatal(err)
	}
	var invalid services.ValidationError
	if err := declared.Validate(t.Context(), tx, id); !errors.As(err, &invalid) || invalid["title"] == "" {
		t.Errorf("the admin's Validate on a demo webinar with an empty title: %v, want the service's problem on title", err)
	}
	tx.Rollback()

	if resp, _ := super.PostForm(fmt.Sprintf("/admin/demo_webinars/%d/delete", id), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if _, err := service.Get(t.Context(), id); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}
