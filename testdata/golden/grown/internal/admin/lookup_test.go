// Tests for foreign keys to big tables: the search endpoint (permission, matching, escaping)
// and the form, which shows a search box instead of a select past SelectLimit rows.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/testutil"
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
		status, body := staff.get("/admin/groups/lookup?q=" + url.QueryEscape(c.query))
		if status != http.StatusOK || strings.Contains(body, "<html") {
			t.Fatalf("q=%s: status %d, want 200 with a fragment\n%.300s", c.query, status, body)
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
	if status, _ := notesOnly.get("/admin/groups/lookup?q=ed"); status != http.StatusForbidden {
		t.Errorf("staff without groups.view: status %d, want 403", status)
	}
	if status, _ := s.anonymous().get("/admin/groups/lookup?q=ed"); status != http.StatusSeeOther {
		t.Errorf("a visitor: status %d, want 303 to the login page", status)
	}
	if status, _ := staff.get("/admin/nothing/lookup?q=ed"); status != http.StatusNotFound {
		t.Errorf("an unknown model: status %d, want 404", status)
	}
}

func TestForeignKeyPastSelectLimitIsASearchBox(t *testing.T) {
	db := testutil.NewDB(t)
	if _, err := db.ExecContext(t.Context(), specimensTable); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(t.Context(), "INSERT INTO auth_groups (name) VALUES ('editors'), ('<i>writers</i>'), ('readers')"); err != nil {
		t.Fatal(err)
	}
	writers, readers := idOf(t, db, "auth_groups", "<i>writers</i>"), idOf(t, db, "auth_groups", "readers")

	for _, limit := range []int{2, 3} { // 3 groups: a search box past 2, a select up to 3
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			site := newAdmin(t, db, specimensModel)
			site.SelectLimit = limit
			b := serve(t, site)
			name := fmt.Sprintf("Rex %d", limit)
			form := specimen(writers)
			form.Set("name", name)
			if status, body := b.post("/admin/specimens/new", form); status != http.StatusSeeOther {
				t.Fatalf("add: status %d\n%s", status, body)
			}
			path := fmt.Sprintf("/admin/specimens/%d", idOf(t, db, "specimens", name))
			_, edit := b.get(path)
			search := []string{
				`id="lookup-group_id"`, `hx-get="/admin/groups/lookup"`,
				fmt.Sprintf(`<input id="field-group_id" name="group_id" value="%d" type="text"`, writers),
				`id="chosen-group_id" x-ref="chosen">&lt;i&gt;writers&lt;/i&gt;<`,
			}
			for _, want := range search {
				if got := strings.Contains(edit, want); got != (limit == 2) {
					t.Errorf("the edit form has %s: %v, want %v", want, got, limit == 2)
				}
			}
			if got := strings.Contains(edit, `<select id="field-group_id"`); got != (limit == 3) {
				t.Errorf("the edit form has a select: %v, want %v", got, limit == 3)
			}

			// Without JavaScript the box takes a typed id, as the select's value would be.
			form.Set("group_id", fmt.Sprint(readers))
			if status, body := b.post(path, form); status != http.StatusSeeOther {
				t.Fatalf("choose readers by id: status %d\n%s", status, body)
			}
			if _, edit := b.get(path); !strings.Contains(edit, fmt.Sprintf(`value="%d"`, readers)) {
				t.Errorf("after saving the id of readers, the form does not show it\n%s", edit)
			}
		})
	}
}
