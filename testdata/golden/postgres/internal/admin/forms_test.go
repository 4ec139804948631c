// Tests for the forms and the audit log: validation, duplicates shown on their field,
// cross-site posts refused, and an audit entry for every add, change and delete.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
)

func TestFormValidationAndDuplicates(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	status, body := super.post("/admin/notes/new", url.Values{"body": {"  "}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="error-body"`) {
		t.Errorf("empty note: status %d, want 422 with an error on body", status)
	}
	if status, _ := super.post("/admin/groups/new", url.Values{"name": {"editors"}}); status != http.StatusSeeOther {
		t.Fatalf("add a group: status %d", status)
	}
	// The group's page links its permission matrix, as groups' declaration asks (Links).
	editors := idOf(t, s.db, "auth_groups", "editors")
	_, edit := super.get(fmt.Sprintf("/admin/groups/%d", editors))
	if link := fmt.Sprintf(`<a id="admin-group-permissions" href="/admin/groups/%d/permissions"`, editors); !strings.Contains(edit, link) {
		t.Errorf("the group's page lacks %s\n%s", link, edit)
	}
	status, body = super.post("/admin/groups/new", url.Values{"name": {"editors"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="error-name"`) || !strings.Contains(body, "already has this Name") {
		t.Errorf("duplicate group: status %d, want 422 with an error on name\n%s", status, body)
	}
}

func TestCrossSitePostsAreRefused(t *testing.T) {
	s := newSite(t)
	id := s.addNote("keep me")
	super := s.user("super@example.com", auth.RoleSuperuser)
	status, _ := super.do(http.MethodPost, fmt.Sprintf("/admin/notes/%d/delete", id), strings.NewReader(""),
		http.Header{"Sec-Fetch-Site": {"cross-site"}})
	if status != http.StatusForbidden {
		t.Errorf("cross-site delete: status %d, want 403", status)
	}
	if _, body := super.get(fmt.Sprintf("/admin/notes/%d", id)); !strings.Contains(body, "keep me") {
		t.Error("the note was deleted by a cross-site post")
	}
}

func TestAuditRecordsEveryChange(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	if status, _ := super.post("/admin/notes/new", url.Values{"body": {"first"}}); status != http.StatusSeeOther {
		t.Fatalf("add: status %d", status)
	}
	entries, err := admin.NewStore(s.db).AuditLog(t.Context(), admin.AuditQuery{Model: "notes", Limit: 10})
	if err != nil || len(entries) != 1 {
		t.Fatalf("after add: %d entries, %v", len(entries), err)
	}
	id := entries[0].ObjectID
	super.post(fmt.Sprintf("/admin/notes/%d", id), url.Values{"body": {"second"}})
	super.post(fmt.Sprintf("/admin/notes/%d", id), url.Values{"body": {"second"}}) // no change: no entry
	super.post(fmt.Sprintf("/admin/notes/%d/delete", id), nil)

	entries, err = admin.NewStore(s.db).AuditLog(t.Context(), admin.AuditQuery{Model: "notes", ObjectID: id, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.UserEmail != "super@example.com" || e.ClientAddress != "127.0.0.1" {
			t.Errorf("entry %d: who %q from %q", e.ID, e.UserEmail, e.ClientAddress)
		}
		got = append(got, fmt.Sprintf("%s %v", e.Action, e.Changes))
	}
	want := []string{
		"delete [{body {second }} {created_at {" + entries[0].Changes[1].Old + " }}]",
		"change [{body {first second}}]",
		"add [{body { first}}]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	_, history := super.get(fmt.Sprintf("/admin/audit?model=notes&object=%d", id))
	if !strings.Contains(history, fmt.Sprintf("History of notes #%d", id)) || strings.Count(history, `class="badge"`) != 3 {
		t.Errorf("history page:\n%s", history)
	}
}

func TestBulkDeleteAsksFirst(t *testing.T) {
	s := newSite(t)
	one, two, kept := s.addNote("one"), s.addNote("two"), s.addNote("kept")
	super := s.user("super@example.com", auth.RoleSuperuser)
	ids := url.Values{"id": {fmt.Sprint(one), fmt.Sprint(two)}}
	status, body := super.post("/admin/notes/bulk", ids)
	if status != http.StatusOK || !strings.Contains(body, `id="admin-confirm-bulk-delete"`) {
		t.Fatalf("bulk without confirm: status %d, want the confirmation page", status)
	}
	if _, list := super.get("/admin/notes"); !strings.Contains(list, "3 rows") {
		t.Fatal("the confirmation page deleted rows")
	}
	ids.Set("confirm", "yes")
	if status, _ := super.post("/admin/notes/bulk", ids); status != http.StatusSeeOther {
		t.Fatalf("bulk delete: status %d", status)
	}
	_, list := super.get("/admin/notes")
	if !strings.Contains(list, "1 row") || !strings.Contains(list, fmt.Sprintf(`id="admin-row-%d"`, kept)) {
		t.Errorf("after bulk delete, want only the kept note:\n%s", list)
	}
	entries, _ := admin.NewStore(s.db).AuditLog(t.Context(), admin.AuditQuery{Model: "notes", Limit: 10})
	if len(entries) != 2 {
		t.Errorf("bulk delete wrote %d audit entries, want 2", len(entries))
	}
}

func TestUsersGetAPasswordThatWorks(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	status, body := super.post("/admin/users/new", url.Values{"email": {"Ada@Example.com"}, "password_hash": {"short"}, "is_active": {"on"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="error-password_hash"`) {
		t.Errorf("a too short password: status %d, want 422 with an error on the password", status)
	}
	form := url.Values{"email": {"Ada@Example.com"}, "password_hash": {testPassword}, "is_active": {"on"}}
	if status, body := super.post("/admin/users/new", form); status != http.StatusSeeOther {
		t.Fatalf("add a user: status %d\n%s", status, body)
	}
	ada := s.anonymous()
	if status, _ := ada.post("/login", url.Values{"email": {"ada@example.com"}, "password": {testPassword}}); status != http.StatusSeeOther {
		t.Errorf("login with the password set in the admin: status %d, want 303", status)
	}
	entries, _ := admin.NewStore(s.db).AuditLog(t.Context(), admin.AuditQuery{Model: "users", Limit: 1})
	if len(entries) != 1 || strings.Contains(fmt.Sprint(entries[0].Changes), "argon2") {
		t.Errorf("the audit entry shows the password hash: %v", entries)
	}
}
