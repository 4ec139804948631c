// Tests for a ReadOnly table: its rows are listed, searched, exported and viewed, and every
// way of writing them is refused, even to a superuser whom every permission allows.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/models"
)

// archiveTable shows the notes table a second time, read-only, as another feature's log would be.
var archiveTable = admin.Table{
	Name:     "archive",
	DBTable:  "notes",
	Title:    "Archive",
	Singular: "archived note",
	ReadOnly: true,
	Fields: []admin.Field{
		{Column: "body", Label: "Body", Kind: admin.LongText, Required: true},
		{Column: "created_at", Label: "Created", Kind: admin.DateTime, ReadOnly: true},
	},
	List:   []string{"body", "created_at"},
	Search: []string{"body"},
	Sort:   "-created_at",
	Links: []admin.Link{
		{Label: "Writable note", Path: "/admin/notes/{id}"},
	},
}

func TestReadOnlyTableIsShown(t *testing.T) {
	s := newSite(t, archiveTable)
	queries := models.New(s.db)
	kept, err := queries.CreateNote(t.Context(), "kept as it is")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := queries.CreateNote(t.Context(), "another note"); err != nil {
		t.Fatal(err)
	}
	b := s.user("super@example.com", auth.RoleSuperuser)

	resp, list := b.Get("/admin/archive")
	if resp.StatusCode != http.StatusOK || !strings.Contains(list, "kept as it is") || !strings.Contains(list, `id="admin-read-only"`) {
		t.Fatalf("list: status %d\n%s", resp.StatusCode, list)
	}
	for _, absent := range []string{`id="admin-add"`, `id="admin-bulk-delete"`, `name="id"`} {
		if strings.Contains(list, absent) {
			t.Errorf("the list of a read-only table has %s", absent)
		}
	}
	if _, found := b.Get("/admin/archive?q=kept"); !strings.Contains(found, "kept as it is") || strings.Contains(found, "another note") {
		t.Errorf("searching for kept:\n%s", found)
	}
	if resp, csv := b.Get("/admin/archive/export.csv"); resp.StatusCode != http.StatusOK || !strings.Contains(csv, "kept as it is") {
		t.Errorf("export: status %d\n%s", resp.StatusCode, csv)
	}
	resp, view := b.Get(fmt.Sprintf("/admin/archive/%d", kept.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(view, "kept as it is") || !strings.Contains(view, `id="field-body"`) {
		t.Fatalf("view a row: status %d\n%s", resp.StatusCode, view)
	}
	if link := fmt.Sprintf(`<a id="admin-archived-note-writable-note" href="/admin/notes/%d"`, kept.ID); !strings.Contains(view, link) {
		t.Errorf("the page of a row lacks the table's link %s", link)
	}
	for _, absent := range []string{`id="admin-save"`, `id="admin-delete"`} {
		if strings.Contains(view, absent) {
			t.Errorf("the page of a read-only row has %s", absent)
		}
	}
	if _, body, _ := strings.Cut(view, `id="field-body"`); !strings.Contains(strings.SplitN(body, ">", 2)[0], "disabled") {
		t.Error("the body of a read-only row can be edited")
	}
}

func TestReadOnlyTableRefusesEveryWrite(t *testing.T) {
	s := newSite(t, archiveTable)
	db := s.db
	kept, err := models.New(db).CreateNote(t.Context(), "kept as it is")
	if err != nil {
		t.Fatal(err)
	}
	b := s.user("super@example.com", auth.RoleSuperuser)
	row := fmt.Sprintf("/admin/archive/%d", kept.ID)
	attempts := []struct {
		method, path string
		form         url.Values
	}{
		{http.MethodGet, "/admin/archive/new", nil},
		{http.MethodPost, "/admin/archive/new", url.Values{"body": {"added"}}},
		{http.MethodPost, row, url.Values{"body": {"changed"}}},
		{http.MethodGet, row + "/delete", nil},
		{http.MethodPost, row + "/delete", url.Values{}},
		{http.MethodPost, "/admin/archive/bulk", url.Values{"id": {fmt.Sprint(kept.ID)}}},
		{http.MethodPost, "/admin/archive/bulk", url.Values{"id": {fmt.Sprint(kept.ID)}, "confirm": {"yes"}}},
	}
	for _, a := range attempts {
		var resp *http.Response
		var body string
		if a.method == http.MethodPost {
			resp, body = b.PostForm(a.path, a.form)
		} else {
			resp, body = b.Get(a.path)
		}
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "read-only in the admin") {
			t.Errorf("%s %s: status %d, want 403 saying the rows are read-only\n%.300s", a.method, a.path, resp.StatusCode, body)
		}
	}

	notes, err := models.New(db).ListNotes(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || notes[0].Body != "kept as it is" {
		t.Errorf("after the refused writes the notes are %+v, want only the one kept as it is", notes)
	}
	entries, err := admin.NewStore(db).AuditLog(t.Context(), admin.AuditQuery{Limit: 10})
	if err != nil || len(entries) != 0 {
		t.Errorf("refused writes left %d audit entries (%v)", len(entries), err)
	}
	// The same table, declared writable, still takes changes: the refusal is the declaration's.
	if resp, _ := b.PostForm(fmt.Sprintf("/admin/notes/%d", kept.ID), url.Values{"body": {"changed"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("changing the note through the writable notes table: status %d, want 303", resp.StatusCode)
	}
}
