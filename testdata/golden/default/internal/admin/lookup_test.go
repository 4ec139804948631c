// Tests for foreign keys to big tables: the search endpoint (permission, matching, escaping)
// and the form, which shows a search box instead of a select past admin.OptionLimit rows.

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

// addGroups adds groups with these names straight into the database.
func addGroups(t *testing.T, s *site, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := s.accounts.CreateGroup(t.Context(), name); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLookupFindsRowsByNameOrID(t *testing.T) {
	s := newSite(t)
	addGroups(t, s, "editors", "Editors of <b>news</b>", "admins", "100% sure")
	for i := range admin.LookupLimit + 5 {
		addGroups(t, s, fmt.Sprintf("red %c", 'a'+i))
	}
	staff := s.user("staff@example.com", auth.RoleStaff, "groups.view")
	admins := idOf(t, s.db, "auth_groups", "admins")

	cases := []struct {
		query   string
		want    []string
		notWant []string
		results int // -1: any number
	}{
		{"EDITOR", []string{`>editors <`, `data-label="Editors of &lt;b&gt;news&lt;/b&gt;"`, `>Editors of &lt;b&gt;news&lt;/b&gt; <`}, []string{"admins", "<b>"}, 2},
		{fmt.Sprint(admins), []string{fmt.Sprintf(`data-id="%d" data-label="admins"`, admins)}, nil, -1}, // and names with that number
		{"ed", nil, nil, admin.LookupLimit},  // more match: the first LookupLimit
		{"%", []string{"100% sure"}, nil, 1}, // % is a character to find, not a wildcard
		{"nobody", []string{"Nothing matches."}, nil, 0},
	}
	for _, c := range cases {
		resp, body := staff.Get("/admin/groups/lookup?q=" + url.QueryEscape(c.query))
		if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") {
			t.Fatalf("q=%s: status %d, want 200 with a fragment\n%.300s", c.query, resp.StatusCode, body)
		}
		if n := strings.Count(body, `class="admin-lookup-choice"`); n != c.results && c.results != -1 {
			t.Errorf("q=%s: %d results, want %d\n%s", c.query, n, c.results, body)
		}
		for _, want := range c.want {
			if !strings.Contains(body, want) {
				t.Errorf("q=%s: the answer lacks %s\n%s", c.query, want, body)
			}
		}
		for _, notWant := range c.notWant {
			if strings.Contains(body, notWant) {
				t.Errorf("q=%s: the answer has %s\n%s", c.query, notWant, body)
			}
		}
	}

	notesOnly := s.user("notes@example.com", auth.RoleStaff, "notes.view", "notes.change")
	if resp, _ := notesOnly.Get("/admin/groups/lookup?q=ed"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("staff without groups.view: status %d, want 403", resp.StatusCode)
	}
	if resp, _ := s.anonymous().Get("/admin/groups/lookup?q=ed"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a visitor: status %d, want 303 to the login page", resp.StatusCode)
	}
	if resp, _ := staff.Get("/admin/nothing/lookup?q=ed"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown table: status %d, want 404", resp.StatusCode)
	}
}

func TestForeignKeyPastOptionLimitIsASearchBox(t *testing.T) {
	s, b := serveSpecimens(t)
	db := s.db
	// Exactly admin.OptionLimit groups, with those the migrations add: the form offers a
	// select, and one group more makes it a search box.
	names := []string{"('editors')", "('<i>writers</i>')", "('readers')"}
	for i := len(names) + rowCount(t, db, "auth_groups"); i < admin.OptionLimit; i++ {
		names = append(names, fmt.Sprintf("('g%04d')", i))
	}
	if _, err := db.ExecContext(t.Context(), "INSERT INTO auth_groups (name) VALUES "+strings.Join(names, ", ")); err != nil {
		t.Fatal(err)
	}
	writers, readers := idOf(t, db, "auth_groups", "<i>writers</i>"), idOf(t, db, "auth_groups", "readers")

	for _, past := range []bool{false, true} {
		t.Run(fmt.Sprintf("past the limit %v", past), func(t *testing.T) {
			if past {
				addGroups(t, s, "one too many")
			}
			name := fmt.Sprintf("Rex %v", past)
			form := specimen(writers)
			form.Set("name", name)
			if resp, body := b.PostForm("/admin/specimens/new", form); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
			}
			path := fmt.Sprintf("/admin/specimens/%d", idOf(t, db, "specimens", name))
			_, edit := b.Get(path)
			search := []string{
				`id="lookup-group_id"`, `hx-get="/admin/groups/lookup"`,
				fmt.Sprintf(`<input id="field-group_id" name="group_id" value="%d" type="text"`, writers),
				`id="chosen-group_id" x-ref="chosen">&lt;i&gt;writers&lt;/i&gt;<`,
			}
			for _, want := range search {
				if got := strings.Contains(edit, want); got != past {
					t.Errorf("the edit form has %s: %v, want %v", want, got, past)
				}
			}
			if got := strings.Contains(edit, `<select id="field-group_id"`); got != !past {
				t.Errorf("the edit form has a select: %v, want %v", got, !past)
			}

			// Without JavaScript the box takes a typed id, as the select's value would be.
			form.Set("group_id", fmt.Sprint(readers))
			if resp, body := b.PostForm(path, form); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("choose readers by id: status %d\n%s", resp.StatusCode, body)
			}
			if _, edit := b.Get(path); !strings.Contains(edit, fmt.Sprintf(`value="%d"`, readers)) {
				t.Errorf("after saving the id of readers, the form does not show it\n%s", edit)
			}
		})
	}
}
