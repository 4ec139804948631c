// Tests for every kind of field, on a test-only table (engine_test.go creates it): what each
// kind refuses, and a round trip through add, edit, list and filters. Empty optional fields are NULL.

package admin_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/testutil"
)

var sizes = []admin.Option{
	{Value: "s", Label: "Small"},
	{Value: "l", Label: "Large"},
}

var specimensTable = admin.Table{
	Name:     "specimens",
	DBTable:  "specimens",
	Title:    "Specimens",
	Singular: "specimen",
	Display:  "name",
	Fields: []admin.Field{
		{Column: "name", Label: "Name", Kind: admin.Text, Required: true},
		{Column: "price", Label: "Price", Kind: admin.Decimal, Scale: 2},
		{Column: "born_on", Label: "Born", Kind: admin.Date},
		{Column: "seen_at", Label: "Seen", Kind: admin.DateTime},
		{Column: "size", Label: "Size", Kind: admin.Choice, Choices: sizes},
		{Column: "group_id", Label: "Group", Kind: admin.ForeignKey, References: "groups"},
		{Column: "data", Label: "Data", Kind: admin.JSON},
	},
	List:    []string{"name", "price", "born_on", "seen_at", "size", "group_id"},
	Search:  []string{"name"},
	Filters: []string{"born_on", "seen_at", "size", "group_id"},
	Sort:    "name",
}

// serveSpecimens serves the whole app with the specimens table in its database (engine_test.go
// creates it) and in its admin, and returns it with a superuser's browser.
func serveSpecimens(t *testing.T) (*site, *testutil.Client) {
	t.Helper()
	s := newSite(t, specimensTable)
	if _, err := s.db.ExecContext(t.Context(), createSpecimens); err != nil {
		t.Fatal(err)
	}
	return s, s.user("super@example.com", auth.RoleSuperuser)
}

// newSpecimenSite is serveSpecimens with a group named editors, added through the admin: it
// returns the superuser's browser, the database and the group's id.
func newSpecimenSite(t *testing.T) (*testutil.Client, *sql.DB, int64) {
	t.Helper()
	s, b := serveSpecimens(t)
	if resp, body := b.PostForm("/admin/groups/new", url.Values{"name": {"editors"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add a group: status %d\n%s", resp.StatusCode, body)
	}
	return b, s.db, idOf(t, s.db, "auth_groups", "editors")
}

// idOf returns the id of the row of table whose name is name.
// rowCount counts the rows of table: those its migrations add (the demo's groups, say) too.
func rowCount(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func idOf(t *testing.T, db *sql.DB, table, name string) int64 {
	t.Helper()
	var id int64
	if err := db.QueryRowContext(t.Context(), "SELECT id FROM "+table+" WHERE name = '"+name+"'").Scan(&id); err != nil {
		t.Fatalf("find %s in %s: %v", name, table, err)
	}
	return id
}

// specimen is a form that every field accepts.
func specimen(group int64) url.Values {
	return url.Values{
		"name": {"Rex"}, "price": {"12.5"}, "born_on": {"2030-01-31"}, "seen_at": {"2030-01-31T14:30"},
		"size": {"l"}, "group_id": {fmt.Sprint(group)}, "data": {`{"legs": 4}`},
	}
}

func TestEachKindRefusesWrongInput(t *testing.T) {
	b, _, group := newSpecimenSite(t)
	cases := []struct{ column, value string }{
		{"name", " "},
		{"price", "12.345"}, {"price", "twelve"}, {"price", "1e3"},
		{"born_on", "2030-02-30"}, {"born_on", "31/01/2030"},
		{"seen_at", "yesterday"},
		{"size", "xl"},
		{"group_id", "abc"}, {"group_id", "999999"},
		{"data", "{oops"},
	}
	for _, c := range cases {
		form := specimen(group)
		form.Set(c.column, c.value)
		resp, body := b.PostForm("/admin/specimens/new", form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="error-`+c.column+`"`) {
			t.Errorf("%s = %q: status %d, want 422 with an error on %s", c.column, c.value, resp.StatusCode, c.column)
		}
	}
}

func TestEachKindRoundTrips(t *testing.T) {
	b, db, group := newSpecimenSite(t)
	if resp, body := b.PostForm("/admin/specimens/new", specimen(group)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	id := idOf(t, db, "specimens", "Rex")
	_, edit := b.Get(fmt.Sprintf("/admin/specimens/%d", id))
	for _, want := range []string{
		`value="12.50"`, `value="2030-01-31"`, `type="datetime-local"`, `value="2030-01-31T14:30:00"`,
		`<option value="l" selected>Large</option>`, fmt.Sprintf(`<option value="%d" selected>editors</option>`, group),
		`{&#34;legs&#34;: 4}`,
	} {
		if !strings.Contains(edit, want) {
			t.Errorf("the edit form lacks %s", want)
		}
	}
	if resp, _ := b.PostForm(fmt.Sprintf("/admin/specimens/%d", id), specimen(group)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save unchanged: status %d", resp.StatusCode)
	}
	// Each kind reads back as it was saved, so saving the form unchanged records no change.
	if entries, _ := admin.NewStore(db).AuditLog(t.Context(), admin.AuditQuery{Model: "specimens", ObjectID: id, Limit: 10}); len(entries) != 1 {
		t.Errorf("saving an unchanged form wrote audit entries: %v", entries)
	}
	changed := specimen(group)
	changed.Set("price", "0.1")
	if resp, body := b.PostForm(fmt.Sprintf("/admin/specimens/%d", id), changed); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: status %d\n%s", resp.StatusCode, body)
	}
	if resp, body := b.PostForm("/admin/specimens/new", url.Values{"name": {"Blank"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add with only a name: status %d\n%s", resp.StatusCode, body)
	}
	var nulls int
	err := db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM specimens WHERE name = 'Blank' AND price IS NULL AND born_on IS NULL
		AND seen_at IS NULL AND size IS NULL AND group_id IS NULL AND data IS NULL`).Scan(&nulls)
	if err != nil || nulls != 1 {
		t.Errorf("empty optional fields should be NULL: %d rows, %v", nulls, err)
	}

	_, list := b.Get("/admin/specimens")
	for _, want := range []string{"<td>0.10</td>", "<td>2030-01-31</td>", "<td>2030-01-31 14:30:00</td>", "<td>Large</td>", "<td>editors</td>"} {
		if !strings.Contains(list, want) {
			t.Errorf("the list lacks %s", want)
		}
	}
	filters := []struct{ query, want string }{
		{"size=l", "1 row"}, {"size=s", "0 rows"}, {"size=xl", "2 rows"}, // an unknown choice is ignored
		{fmt.Sprintf("group_id=%d", group), "1 row"}, {"group_id=999999", "0 rows"},
		{"born_on_from=2030-01-31&born_on_to=2030-01-31", "1 row"}, {"born_on_from=2030-02-01", "0 rows"},
		{"seen_at_from=2030-01-31&seen_at_to=2030-01-31", "1 row"}, {"seen_at_to=2030-01-30", "0 rows"},
	}
	for _, f := range filters {
		if _, body := b.Get("/admin/specimens?" + f.query); !strings.Contains(body, `id="admin-total">`+f.want) {
			t.Errorf("%s: want %s", f.query, f.want)
		}
	}
	if !strings.Contains(list, `href="/admin/specimens?size=l&amp;sort=name"`) {
		t.Error("the list lacks the Large link of the Size filter")
	}
}

func TestForeignKeyKeepsARowPastTheOptionLimit(t *testing.T) {
	b, db, _ := newSpecimenSite(t)
	names := make([]string, admin.OptionLimit)
	for i := range names {
		names[i] = fmt.Sprintf("('g%04d')", i) // all named before "zz last"
	}
	if _, err := db.ExecContext(t.Context(), "INSERT INTO auth_groups (name) VALUES "+strings.Join(names, ", ")+", ('zz last')"); err != nil {
		t.Fatal(err)
	}
	last := idOf(t, db, "auth_groups", "zz last")
	if resp, body := b.PostForm("/admin/specimens/new", specimen(last)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", resp.StatusCode, body)
	}
	_, edit := b.Get(fmt.Sprintf("/admin/specimens/%d", idOf(t, db, "specimens", "Rex")))
	// Past OptionLimit groups the form shows a search box with the chosen group (lookup_test.go).
	if !strings.Contains(edit, fmt.Sprintf(`name="group_id" value="%d"`, last)) || !strings.Contains(edit, `x-ref="chosen">zz last<`) {
		t.Error("the form lost the chosen group, the 502nd by name")
	}
}

func TestDeclarationMistakesStopTheApp(t *testing.T) {
	noChoices, unknownTable, badFilter := specimensTable, specimensTable, specimensTable
	noChoices.Fields = []admin.Field{
		{Column: "size", Label: "Size", Kind: admin.Choice},
	}
	noChoices.List, noChoices.Search, noChoices.Filters, noChoices.Sort = []string{"size"}, nil, nil, ""
	unknownTable.Fields = []admin.Field{
		{Column: "owner_id", Label: "Owner", Kind: admin.ForeignKey, References: "owners"},
	}
	unknownTable.List, unknownTable.Search, unknownTable.Filters, unknownTable.Sort = []string{"owner_id"}, nil, nil, ""
	badFilter.Filters = []string{"data"} // a JSON field cannot be a filter
	for _, table := range []admin.Table{noChoices, unknownTable, badFilter} {
		// NewHandlers checks the declarations first: it needs no renderer, store or guard for it.
		if _, err := admin.NewHandlers(nil, nil, nil, nil, append(admin.Tables(), table)); err == nil {
			t.Errorf("a declaration with %v was accepted", table.Fields[0])
		}
	}
}
