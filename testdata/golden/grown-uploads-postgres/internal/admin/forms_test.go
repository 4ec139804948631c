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
	resp, body := super.PostForm("/admin/notes/new", url.Values{"body": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="error-body"`) {
		t.Errorf("empty note: status %d, want 422 with an error on body", resp.StatusCode)
	}
	if resp, _ := super.PostForm("/admin/groups/new", url.Values{"name": {"editors"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add a group: status %d", resp.StatusCode)
	}
	// The group's page links its permission matrix, as groups' declaration asks (Links).
	editors := idOf(t, s.db, "auth_groups", "editors")
	_, edit := super.Get(fmt.Sprintf("/admin/groups/%d", editors))
	if link := fmt.Sprintf(`<a id="admin-group-permissions" href="/admin/groups/%d/permissions"`, editors); !strings.Contains(edit, link) {
		t.Errorf("the group's page lacks %s\n%s", link, edit)
	}
	resp, body = super.PostForm("/admin/groups/new", url.Values{"name": {"editors"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="error-name"`) || !strings.Contains(body, "already has this Name") {
		t.Errorf("duplicate group: status %d, want 422 with an error on name\n%s", resp.StatusCode, body)
	}
}

func TestCrossSitePostsAreRefused(t *testing.T) {
	s := newSite(t)
	id := s.addNote("keep me")
	super := s.user("super@example.com", auth.RoleSuperuser)
	resp, _ := super.Do(http.MethodPost, fmt.Sprintf("/admin/notes/%d/delete", id), "application/x-www-form-urlencoded", strings.NewReader(""),
		http.Header{"Sec-Fetch-Site": {"cross-site"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site delete: status %d, want 403", resp.StatusCode)
	}
	if _, body := super.Get(fmt.Sprintf("/admin/notes/%d", id)); !strings.Contains(body, "keep me") {
		t.Error("the note was deleted by a cross-site post")
	}
}

func TestAuditRecordsEveryChange(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	if resp, _ := super.PostForm("/admin/notes/new", url.Values{"body": {"first"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d", resp.StatusCode)
	}
	entries, err := admin.NewStore(s.db).AuditLog(t.Context(), admin.AuditQuery{Model: "notes", Limit: 10})
	if err != nil || len(entries) != 1 {
		t.Fatalf("after add: %d entries, %v", len(entries), err)
	}
	id := entries[0].ObjectID
	super.PostForm(fmt.Sprintf("/admin/notes/%d", id), url.Values{"body": {"second"}})
	super.PostForm(fmt.Sprintf("/admin/notes/%d", id), url.Values{"body": {"second"}}) // no change: no entry
	super.PostForm(fmt.Sprintf("/admin/notes/%d/delete", id), nil)

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

	_, history := super.Get(fmt.Sprintf("/admin/audit?model=notes&object=%d", id))
	if !strings.Contains(history, fmt.Sprintf("History of notes #%d", id)) || strings.Count(history, `class="badge"`) != 3 {
		t.Errorf("history page:\n%s", history)
	}
}

func TestBulkDeleteAsksFirst(t *testing.T) {
	s := newSite(t)
	one, two, kept := s.addNote("one"), s.addNote("two"), s.addNote("kept")
	super := s.user("super@example.com", auth.RoleSuperuser)
	ids := url.Values{"id": {fmt.Sprint(one), fmt.Sprint(two)}}
	resp, body := super.PostForm("/admin/notes/bulk", ids)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="admin-confirm-bulk-delete"`) {
		t.Fatalf("bulk without confirm: status %d, want the confirmation page", resp.StatusCode)
	}
	if _, list := super.Get("/admin/notes"); !strings.Contains(list, "3 rows") {
		t.Fatal("the confirmation page deleted rows")
	}
	ids.Set("confirm", "yes")
	if resp, _ := super.PostForm("/admin/notes/bulk", ids); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("bulk delete: status %d", resp.StatusCode)
	}
	_, list := super.Get("/admin/notes")
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
	resp, body := super.PostForm("/admin/users/new", url.Values{"email": {"Ada@Example.com"}, "password_hash": {"short"}, "is_active": {"on"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="error-password_hash"`) {
		t.Errorf("a too short password: status %d, want 422 with an error on the password", resp.StatusCode)
	}
	form := url.Values{"email": {"Ada@Example.com"}, "password_hash": {testPassword}, "is_active": {"on"}}
	if resp, body := super.PostForm("/admin/users/new", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add a user: status %d\n%s", resp.StatusCode, body)
	}
	ada := s.anonymous()
	if resp, _ := ada.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {testPassword}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the password set in the admin: status %d, want 303", resp.StatusCode)
	}
	entries, _ := admin.NewStore(s.db).AuditLog(t.Context(), admin.AuditQuery{Model: "users", Limit: 1})
	if len(entries) != 1 || strings.Contains(fmt.Sprint(entries[0].Changes), "argon2") {
		t.Errorf("the audit entry shows the password hash: %v", entries)
	}
}
