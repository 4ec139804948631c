// Tests for the list page and the CSV export: search ignores case and finds text as typed,
// the count covers every matching row, sort accepts only listed columns, filters and pages
// work, htmx gets the table alone, and stored scripts stay text.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/models"
)

func TestListSearchSortAndPages(t *testing.T) {
	s := newSite(t)
	for i := range 120 {
		s.addNote(fmt.Sprintf("note %03d", i))
	}
	banana := s.addNote("A BaNaNa split")
	super := s.user("super@example.com", auth.RoleSuperuser)

	_, body := super.Get("/admin/notes?q=banana")
	if !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, banana)) || !strings.Contains(body, `id="admin-total">1 row`) {
		t.Errorf("search for banana did not find only the banana note:\n%s", body)
	}

	_, body = super.Get("/admin/notes?sort=body")
	if first, last := strings.Index(body, "A BaNaNa split"), strings.Index(body, "note 000"); first < 0 || last < 0 || first > last {
		t.Errorf("sort=body: want A BaNaNa split before note 000")
	}
	_, body = super.Get("/admin/notes?sort=-body")
	if !strings.Contains(body, "note 119") || strings.Contains(body, "note 000") {
		t.Errorf("sort=-body, page 1: want note 119 and not note 000")
	}
	if !strings.Contains(body, `id="admin-total">121 rows · page 1 of 3`) {
		t.Errorf("total and pages missing:\n%s", body)
	}
	_, body = super.Get("/admin/notes?sort=-body&page=3")
	if !strings.Contains(body, "note 000") || strings.Contains(body, "note 119") || strings.Contains(body, `id="admin-next"`) {
		t.Errorf("page 3 should hold the last rows and no next link")
	}

	// A column that is not listed is ignored, never put into the SQL.
	resp, body := super.Get("/admin/notes?sort=id;DROP%20TABLE%20notes")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "121 rows") {
		t.Errorf("an unlisted sort column: status %d", resp.StatusCode)
	}

	// htmx gets the table alone; the back button (history restore) gets the whole page.
	_, table := super.Do(http.MethodGet, "/admin/notes?q=banana", "", nil, http.Header{"Hx-Request": {"true"}})
	if !strings.HasPrefix(strings.TrimSpace(table), `<section id="admin-table"`) {
		t.Errorf("htmx answer is not the table alone:\n%.200s", table)
	}
	_, page := super.Do(http.MethodGet, "/admin/notes", "", nil, http.Header{"Hx-Request": {"true"}, "Hx-History-Restore-Request": {"true"}})
	if !strings.Contains(page, "<html") {
		t.Error("a history restore should get the whole page")
	}
}

func TestListFilters(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	s.user("plain@example.com", auth.RoleUser)
	_, body := super.Get("/admin/users?is_staff=true")
	// A row's first cell links to its edit page: "...@example.com</a></td>".
	if !strings.Contains(body, "super@example.com</a></td>") || strings.Contains(body, "plain@example.com</a></td>") {
		t.Errorf("is_staff=true should list only staff:\n%s", body)
	}
	_, body = super.Get("/admin/users?is_staff=false&q=PLAIN")
	if strings.Contains(body, "super@example.com</a></td>") || !strings.Contains(body, "plain@example.com</a></td>") {
		t.Errorf("is_staff=false&q=PLAIN should list only plain@example.com")
	}
}

func TestStoredScriptsAreEscaped(t *testing.T) {
	s := newSite(t)
	id := s.addNote(`<script>alert("x")</script>`)
	super := s.user("super@example.com", auth.RoleSuperuser)
	for _, path := range []string{"/admin/notes", fmt.Sprintf("/admin/notes/%d", id), fmt.Sprintf("/admin/notes/%d/delete", id)} {
		_, body := super.Get(path)
		if strings.Contains(body, `<script>alert`) || !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s does not escape the stored script", path)
		}
	}
}

func TestExportNeutralisesFormulas(t *testing.T) {
	s := newSite(t)
	for _, body := range []string{"=1+2", "+1", "-1", "@SUM(A1)", "plain"} {
		s.addNote(body)
	}
	super := s.user("super@example.com", auth.RoleSuperuser)
	resp, csv := super.Get("/admin/notes/export.csv?sort=body")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: status %d", resp.StatusCode)
	}
	for _, want := range []string{",'=1+2,", ",'+1,", ",'-1,", ",'@SUM(A1),", ",plain,"} {
		if !strings.Contains(csv, want) {
			t.Errorf("export lacks %q:\n%s", want, csv)
		}
	}
}

func TestListDateRange(t *testing.T) {
	s := newSite(t)
	s.addNote("today's note")
	super := s.user("super@example.com", auth.RoleSuperuser)
	today := time.Now().UTC()
	cases := []struct {
		query string
		want  string
	}{
		{"created_at_from=" + today.Format(time.DateOnly) + "&created_at_to=" + today.Format(time.DateOnly), `id="admin-total">1 row`},
		{"created_at_from=" + today.AddDate(0, 0, 1).Format(time.DateOnly), `id="admin-total">0 rows`},
		{"created_at_to=" + today.AddDate(0, 0, -1).Format(time.DateOnly), `id="admin-total">0 rows`},
		{"created_at_from=not-a-date", `id="admin-total">1 row`}, // ignored
	}
	for _, c := range cases {
		if _, body := super.Get("/admin/notes?" + c.query); !strings.Contains(body, c.want) {
			t.Errorf("%s: want %s", c.query, c.want)
		}
	}
}

func TestListCountsEveryMatchingRow(t *testing.T) {
	s := newSite(t)
	s.addNotes(5_100, "note %d") // more than one search index lookup takes (engine.go)
	super := s.user("super@example.com", auth.RoleSuperuser)
	cases := []struct {
		query string
		want  string
	}{
		{"", "5100 rows · page 1 of 102"},
		{"q=NOTE", "5100 rows · page 1 of 102"},
		{"q=NOTE&page=102", "5100 rows · page 102 of 102"},
		{"q=note+42&page=3", "111 rows · page 3 of 3"}, // note 42, note 420 to 429, note 4200 to 4299
		{"q=note+5099", "1 row"},
		{"q=te+5&page=5", "211 rows · page 5 of 5"}, // note 5, 50 to 59, 500 to 599, 5000 to 5099
		{"q=zebra", "0 rows"},
	}
	for _, c := range cases {
		if _, body := super.Get("/admin/notes?" + c.query); !strings.Contains(body, `id="admin-total">`+c.want+"<") {
			t.Errorf("%s: want %s", c.query, c.want)
		}
	}
	// The last page holds the oldest notes, and only them.
	_, body := super.Get("/admin/notes?q=NOTE&page=102")
	if !strings.Contains(body, ">note 0</a>") || !strings.Contains(body, ">note 49</a>") || strings.Contains(body, ">note 50</a>") {
		t.Error("page 102 should list note 0 to note 49")
	}
}

// A search that must read every row of a big table is counted in a request of its own
// (count=1): the page shows its rows at once, with a Next link, and asks for the count.
func TestListCountsSlowSearchesApart(t *testing.T) {
	s := newSite(t)
	s.addNotes(60, "apple %d")
	if _, err := s.db.ExecContext(t.Context(), insertNoteWithID, 1_000_000, "apple far away"); err != nil {
		t.Fatal(err) // the table now spans a million ids
	}
	super := s.user("super@example.com", auth.RoleSuperuser)

	// "pl" is too short for a search index: the search reads every row.
	countURL := "/admin/notes?q=pl&amp;sort=-created_at&amp;count=1"
	_, body := super.Get("/admin/notes?q=pl")
	if strings.Contains(body, "61 rows") || !strings.Contains(body, `hx-get="`+countURL+`" hx-trigger="load"`) ||
		!strings.Contains(body, `href="`+countURL+`"`) || !strings.Contains(body, `id="admin-next"`) {
		t.Errorf("the page should ask for its count and link the next page:\n%s", body)
	}
	if ids := listedIDs(body); len(ids) != admin.PageSize {
		t.Errorf("the page lists %d rows, want %d", len(ids), admin.PageSize)
	}
	_, body = super.Get("/admin/notes?q=pl&sort=-created_at&count=1")
	if !strings.Contains(body, `id="admin-total">61 rows · page 1 of 2<`) {
		t.Errorf("count=1 should count every matching row:\n%s", body)
	}
	_, body = super.Get("/admin/notes?q=pl&page=2")
	if len(listedIDs(body)) != 11 || strings.Contains(body, `id="admin-next"`) {
		t.Error("page 2 should list the last 11 rows and link no next page")
	}
	// Without a search, SQLite counts the table at once from an index; PostgreSQL would read
	// every row, so it counts apart (wholeTableCountsApart in engine_test.go).
	_, body = super.Get("/admin/notes")
	if counted := strings.Contains(body, `id="admin-total">61 rows · page 1 of 2<`); counted == wholeTableCountsApart {
		t.Errorf("a list without a search: counted in the page %v, want %v", counted, !wholeTableCountsApart)
	}
	if wholeTableCountsApart {
		if _, body = super.Get("/admin/notes?sort=-created_at&count=1"); !strings.Contains(body, `id="admin-total">61 rows · page 1 of 2<`) {
			t.Error("count=1 should count the whole table")
		}
	}
}

// A search looks for the text as typed: %, _, quotes, backslashes and the search index's own
// query words are text like any other, and letters outside A to Z are matched as they are.
func TestSearchFindsTextAsTyped(t *testing.T) {
	s := newSite(t)
	ids := map[string]int64{}
	for _, body := range []string{
		`100% pure`, `1000 pure`, `snake_case`, `snakeXcase`, `C:\temp`, `C:/temp`,
		`say "hi" now`, `say hi now`, `Crème brûlée`, `creme brulee`, `do NOT touch`, `body:fish`,
	} {
		ids[body] = s.addNote(body)
	}
	super := s.user("super@example.com", auth.RoleSuperuser)
	cases := []struct {
		term string
		want []string
	}{
		{"0% p", []string{`100% pure`}},
		{"%", []string{`100% pure`}},
		{"e_c", []string{`snake_case`}},
		{"_", []string{`snake_case`}},
		{`:\t`, []string{`C:\temp`}},
		{`\`, []string{`C:\temp`}},
		{`"hi"`, []string{`say "hi" now`}},
		{`"`, []string{`say "hi" now`}},
		{"BRûLéE", []string{`Crème brûlée`}}, // A to Z in any case, other letters as stored
		{"rè", []string{`Crème brûlée`}},
		{"NOT t", []string{`do NOT touch`}},
		{"body:", []string{`body:fish`}},
		{"PURE", []string{`100% pure`, `1000 pure`}},
		{"fish OR hi", nil},
		{"sna*", nil},
	}
	for _, c := range cases {
		_, body := super.Get("/admin/notes?" + url.Values{"q": {c.term}}.Encode())
		var want []int64
		for _, note := range c.want {
			want = append(want, ids[note])
		}
		if got := listedIDs(body); !slices.Equal(sorted(got), sorted(want)) {
			t.Errorf("search %q found notes %v, want %v", c.term, got, want)
		}
		if total := fmt.Sprintf(`id="admin-total">%d row`, len(want)); !strings.Contains(body, total) {
			t.Errorf("search %q: the count is not %d", c.term, len(want))
		}
	}
}

// The search keeps up with every change: a note is found once added, by its new text once
// changed, and no more once deleted.
func TestSearchFollowsChanges(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	find := func(term string) []int64 {
		t.Helper()
		_, body := super.Get("/admin/notes?" + url.Values{"q": {term}}.Encode())
		return listedIDs(body)
	}
	if resp, _ := super.PostForm("/admin/notes/new", url.Values{"body": {"first draft of the plan"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d", resp.StatusCode)
	}
	found := find("DRAFT")
	if len(found) != 1 {
		t.Fatalf("the added note was not found: %v", found)
	}
	id := found[0]
	if resp, _ := super.PostForm(fmt.Sprintf("/admin/notes/%d", id), url.Values{"body": {"final version"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: status %d", resp.StatusCode)
	}
	if got := find("draft"); len(got) != 0 {
		t.Errorf("the old text still finds the changed note: %v", got)
	}
	if got := find("final"); !slices.Equal(got, []int64{id}) {
		t.Errorf("the new text does not find the changed note: %v", got)
	}
	if resp, _ := super.PostForm(fmt.Sprintf("/admin/notes/%d/delete", id), url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if got := find("final"); len(got) != 0 {
		t.Errorf("the deleted note is still found: %v", got)
	}
}

func TestSearchIndexNeedsSearchColumns(t *testing.T) {
	drafts := admin.Table{
		Name: "drafts", DBTable: "notes", Title: "Drafts", Singular: "draft",
		Fields: []admin.Field{
			{Column: "body", Label: "Body", Kind: admin.Text},
		},
		List:        []string{"body"},
		SearchIndex: "notes_search", // but no Search columns for it to index
	}
	// NewHandlers checks the declarations first: it needs no renderer, store or guard for it.
	if _, err := admin.NewHandlers(nil, nil, nil, nil, append(admin.Tables(), drafts)); err == nil {
		t.Error("a SearchIndex without Search columns was accepted")
	}
}

// addNotes saves n notes, named by format and their number from 0, in one transaction.
func (s *site) addNotes(n int, format string) {
	s.t.Helper()
	tx, err := s.db.BeginTx(s.t.Context(), nil)
	if err != nil {
		s.t.Fatal(err)
	}
	defer tx.Rollback()
	queries := models.New(tx)
	for i := range n {
		if _, err := queries.CreateNote(s.t.Context(), fmt.Sprintf(format, i)); err != nil {
			s.t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		s.t.Fatal(err)
	}
}

// listedIDs returns the ids of the rows a list page shows, in order.
func listedIDs(page string) []int64 {
	var ids []int64
	for _, match := range regexp.MustCompile(`id="admin-row-(\d+)"`).FindAllStringSubmatch(page, -1) {
		var id int64
		fmt.Sscan(match[1], &id)
		ids = append(ids, id)
	}
	return ids
}

func sorted(ids []int64) []int64 {
	return slices.Sorted(slices.Values(ids))
}
