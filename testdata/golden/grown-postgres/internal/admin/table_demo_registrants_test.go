// The demo_registrants admin pages, end to end as a superuser: add, find, change and delete a
// demo registrant. Written as `fastopp add model DemoRegistrant` writes them.

package admin_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestAdminDemoRegistrants(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	service := services.NewDemoRegistrantService(s.db)
	webinarID := testutil.InsertRow(t, s.db, "INSERT INTO demo_webinars (title, presenter, starts_at) VALUES ($1, $2, $3) RETURNING id", "Title 9", "Presenter 9", time.Date(2030, 1, 9, 14, 30, 0, 0, time.UTC))

	form := url.Values{
		"webinar_id": {fmt.Sprint(webinarID)},
		"name":       {"Name 1"},
		"email":      {"Email 1"},
		"company":    {"Company 1"},
		"notes":      {"Some notes, number 1."},
	}
	// Image and file fields are sent as files, with the form (multipart/form-data).
	files := map[string][2]string{
		"photo": {"photo.png", string(testutil.SamplePNG(t))},
	}
	if resp, body := super.PostFiles("/admin/demo_registrants/new", form, files); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	// With no sort asked for, the newest demo registrant comes first: the one just added.
	rows, _, err := service.List(t.Context(), services.ListOptions{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("after add: %d demo_registrants, %v", len(rows), err)
	}
	id := rows[0].ID

	// The stored file is served to those who may view demo_registrants, to no one else.
	key := rows[0].Photo.String
	staff := s.user("staff@example.com", auth.RoleStaff, "demo_registrants.add")
	for who, want := range map[*testutil.Client]int{super: http.StatusOK, staff: http.StatusNotFound, s.anonymous(): http.StatusNotFound} {
		if resp, _ := who.Get("/uploads/" + key); resp.StatusCode != want {
			t.Errorf("GET /uploads/%s: status %d, want %d", key, resp.StatusCode, want)
		}
	}

	list := "/admin/demo_registrants"
	list += "?q=" + url.QueryEscape("Name 1")
	if _, body := super.Get(list); !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, id)) {
		t.Errorf("the list does not show the new demo registrant:\n%s", body)
	}

	form.Set("name", "Name 2")
	if resp, body := super.PostForm(fmt.Sprintf("/admin/demo_registrants/%d", id), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: status %d\n%s", resp.StatusCode, body)
	}
	if changed, err := service.Get(t.Context(), id); err != nil || changed.Name != "Name 2" {
		t.Errorf("after change: %+v, %v", changed, err)
	}

	// The admin checks each save with the service's rules: the same function, run on the row as
	// the admin wrote it, so a rule added to services.ValidateDemoRegistrant refuses it here too.
	var declared admin.Table
	for _, table := range admin.Tables() {
		if table.Name == "demo_registrants" {
			declared = table
		}
	}
	if declared.Validate == nil {
		t.Fatal("the admin's demo_registrants has no Validate: point it at services.ValidateDemoRegistrant, as `fastopp add model` does")
	}
	tx, err := s.db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := declared.Validate(t.Context(), tx, id); err != nil {
		t.Errorf("the admin's Validate on the demo registrant it saved: %v", err)
	}
	if _, err := tx.ExecContext(t.Context(), fmt.Sprintf("UPDATE demo_registrants SET name = '' WHERE id = %d", id)); err != nil {
		t.Fatal(err)
	}
	var invalid services.ValidationError
	if err := declared.Validate(t.Context(), tx, id); !errors.As(err, &invalid) || invalid["name"] == "" {
		t.Errorf("the admin's Validate on a demo registrant with an empty name: %v, want the service's problem on name", err)
	}
	tx.Rollback()

	if resp, _ := super.PostForm(fmt.Sprintf("/admin/demo_registrants/%d/delete", id), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if _, err := service.Get(t.Context(), id); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}
