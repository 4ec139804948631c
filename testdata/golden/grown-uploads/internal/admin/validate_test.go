// Tests for a model's Validate hook, which `fastopp add model` points at the model's service:
// a row it refuses answers 422 with each problem beside its field (or above the form, for a
// column the form does not show) and saves nothing, neither the row nor an audit entry, when it
// is added or changed, also with several writers at once.

package admin_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
)

// problems is a validation error as a service returns one: what is wrong, by column.
type problems map[string]string

func (p problems) Error() string               { return fmt.Sprint(map[string]string(p)) }
func (p problems) Problems() map[string]string { return p }

// checkedNotesTable shows the notes table with rules, as a service would hold them.
var checkedNotesTable = admin.Table{
	Name: "checked_notes", DBTable: "notes", Title: "Checked notes", Singular: "checked note",
	Fields: []admin.Field{
		{Column: "body", Label: "Body", Kind: admin.LongText, Required: true},
	},
	List: []string{"body"},
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		var body string
		if err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT body FROM notes WHERE id = %d", id)).Scan(&body); err != nil {
			return err
		}
		switch body {
		case "forbidden":
			return problems{"body": "must not be forbidden"}
		case "gloomy":
			return problems{"mood": "is too gloomy"} // a column the form does not show
		}
		return nil
	},
}

func TestValidateRefusesWithoutSaving(t *testing.T) {
	s := newSite(t, checkedNotesTable)
	db, b := s.db, s.user("super@example.com", auth.RoleSuperuser)
	saved := func() (notes, audits int) {
		t.Helper()
		if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM notes").Scan(&notes); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM admin_audit").Scan(&audits); err != nil {
			t.Fatal(err)
		}
		return notes, audits
	}

	for body, want := range map[string]string{"forbidden": `id="error-body"`, "gloomy": `id="admin-form-problem"`} {
		resp, page := b.PostForm("/admin/checked_notes/new", url.Values{"body": {body}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("add %q: status %d, want 422 with %s:\n%s", body, resp.StatusCode, want, page)
		}
	}
	if notes, audits := saved(); notes != 0 || audits != 0 {
		t.Fatalf("refused adds saved %d notes and %d audit entries", notes, audits)
	}

	resp, _ := b.PostForm("/admin/checked_notes/new", url.Values{"body": {"fine"}})
	var id int64
	if err := db.QueryRowContext(t.Context(), "SELECT id FROM notes WHERE body = 'fine'").Scan(&id); resp.StatusCode != http.StatusSeeOther || err != nil {
		t.Fatalf("add fine: status %d, %v", resp.StatusCode, err)
	}
	resp, page := b.PostForm(fmt.Sprintf("/admin/checked_notes/%d", id), url.Values{"body": {"forbidden"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "must not be forbidden") {
		t.Errorf("change to forbidden: status %d, want 422 with the problem:\n%s", resp.StatusCode, page)
	}
	var body string
	if err := db.QueryRowContext(t.Context(), fmt.Sprintf("SELECT body FROM notes WHERE id = %d", id)).Scan(&body); err != nil || body != "fine" {
		t.Errorf("after a refused change the note is %q, %v; want fine", body, err)
	}
	if notes, audits := saved(); notes != 1 || audits != 1 {
		t.Errorf("after one add and refused saves: %d notes and %d audit entries, want 1 and 1", notes, audits)
	}

	// Writers at once: every refused row is rolled back, every other one saved.
	var wg sync.WaitGroup
	statuses := make([]int, 10)
	for i := range statuses {
		wg.Go(func() {
			body := fmt.Sprintf("note %d", i)
			if i%2 == 0 {
				body = "forbidden"
			}
			if status, err := postForm(b, "/admin/checked_notes/new", url.Values{"body": {body}}); err == nil {
				statuses[i] = status
			}
		})
	}
	wg.Wait()
	for i, status := range statuses {
		if want := []int{http.StatusUnprocessableEntity, http.StatusSeeOther}[i%2]; status != want {
			t.Errorf("writer %d: status %d, want %d", i, status, want)
		}
	}
	if notes, audits := saved(); notes != 6 || audits != 6 {
		t.Errorf("after 5 more adds: %d notes and %d audit entries, want 6 and 6", notes, audits)
	}
}

// A Field left optional on a NOT NULL column (as when a migration adds `title TEXT NOT NULL
// DEFAULT ”` and the admin table forgets Required) is refused with 422 and a message on the
// field, never a 500; so is a form that does not set such a column at all.
func TestEmptyValueOnNotNullColumnIsAProblemOnTheForm(t *testing.T) {
	optional := admin.Table{
		Name: "optional_notes", DBTable: "notes", Title: "Optional notes", Singular: "optional note",
		Fields: []admin.Field{
			{Column: "body", Label: "Body", Kind: admin.LongText},
		},
		List: []string{"body"},
	}
	bodiless := admin.Table{
		Name: "bodiless_notes", DBTable: "notes", Title: "Bodiless notes", Singular: "bodiless note",
		Fields: []admin.Field{
			{Column: "created_at", Label: "Created", Kind: admin.DateTime, Required: true},
		},
		List: []string{"created_at"},
	}
	s := newSite(t, optional, bodiless)
	b := s.user("super@example.com", auth.RoleSuperuser)
	id := s.addNote("kept")

	tests := []struct {
		name, path string
		form       url.Values
		want       string
	}{
		{"add empty", "/admin/optional_notes/new", url.Values{"body": {""}}, "Body cannot be empty."},
		{"change to empty", fmt.Sprintf("/admin/optional_notes/%d", id), url.Values{"body": {""}}, "Body cannot be empty."},
		{"add without the column", "/admin/bodiless_notes/new", url.Values{"created_at": {"2026-01-02T03:04"}}, "body cannot be empty, and this form does not set it."},
	}
	for _, tt := range tests {
		resp, page := b.PostForm(tt.path, tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, tt.want) {
			t.Errorf("%s: status %d, want 422 with %q:\n%s", tt.name, resp.StatusCode, tt.want, page)
		}
	}

	// Writers at once: each refused, none saved, the note unchanged.
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		wg.Go(func() {
			path := "/admin/optional_notes/new"
			if i%2 == 1 {
				path = fmt.Sprintf("/admin/optional_notes/%d", id)
			}
			if status, err := postForm(b, path, url.Values{"body": {""}}); err == nil {
				statuses[i] = status
			}
		})
	}
	wg.Wait()
	for i, status := range statuses {
		if status != http.StatusUnprocessableEntity {
			t.Errorf("writer %d: status %d, want 422", i, status)
		}
	}
	var notes, audits int
	var body string
	db := s.db
	if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*), MAX(body) FROM notes").Scan(&notes, &body); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM admin_audit").Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if notes != 1 || body != "kept" || audits != 0 {
		t.Errorf("after refused saves: %d notes (body %q) and %d audit entries, want the one note %q and none", notes, body, audits, "kept")
	}
}
