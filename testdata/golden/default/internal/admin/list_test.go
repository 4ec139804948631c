// Tests for the list page and the CSV export: search ignores case, sort accepts only listed
// columns, filters and pages work, htmx gets the table alone, and stored scripts stay text.

package admin_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
)

func TestListSearchSortAndPages(t *testing.T) {
	s := newSite(t)
	for i := range 120 {
		s.addNote(fmt.Sprintf("note %03d", i))
	}
	banana := s.addNote("A BaNaNa split")
	super := s.user("super@example.com", auth.RoleSuperuser)

	_, body := super.get("/admin/notes?q=banana")
	if !strings.Contains(body, fmt.Sprintf(`id="admin-row-%d"`, banana)) || !strings.Contains(body, `id="admin-total">1 row`) {
		t.Errorf("search for banana did not find only the banana note:\n%s", body)
	}

	_, body = super.get("/admin/notes?sort=body")
	if first, last := strings.Index(body, "A BaNaNa split"), strings.Index(body, "note 000"); first < 0 || last < 0 || first > last {
		t.Errorf("sort=body: want A BaNaNa split before note 000")
	}
	_, body = super.get("/admin/notes?sort=-body")
	if !strings.Contains(body, "note 119") || strings.Contains(body, "note 000") {
		t.Errorf("sort=-body, page 1: want note 119 and not note 000")
	}
	if !strings.Contains(body, `id="admin-total">121 rows · page 1 of 3`) {
		t.Errorf("total and pages missing:\n%s", body)
	}
	_, body = super.get("/admin/notes?sort=-body&page=3")
	if !strings.Contains(body, "note 000") || strings.Contains(body, "note 119") || strings.Contains(body, `id="admin-next"`) {
		t.Errorf("page 3 should hold the last rows and no next link")
	}

	// A column that is not listed is ignored, never put into the SQL.
	status, body := super.get("/admin/notes?sort=id;DROP%20TABLE%20notes")
	if status != http.StatusOK || !strings.Contains(body, "121 rows") {
		t.Errorf("an unlisted sort column: status %d", status)
	}

	// htmx gets the table alone; the back button (history restore) gets the whole page.
	_, table := super.do(http.MethodGet, "/admin/notes?q=banana", nil, http.Header{"Hx-Request": {"true"}})
	if !strings.HasPrefix(strings.TrimSpace(table), `<section id="admin-table"`) {
		t.Errorf("htmx answer is not the table alone:\n%.200s", table)
	}
	_, page := super.do(http.MethodGet, "/admin/notes", nil, http.Header{"Hx-Request": {"true"}, "Hx-History-Restore-Request": {"true"}})
	if !strings.Contains(page, "<html") {
		t.Error("a history restore should get the whole page")
	}
}

func TestListFilters(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	s.user("plain@example.com", auth.RoleUser)
	_, body := super.get("/admin/users?is_staff=true")
	// A row's first cell links to its edit page: "...@example.com</a></td>".
	if !strings.Contains(body, "super@example.com</a></td>") || strings.Contains(body, "plain@example.com</a></td>") {
		t.Errorf("is_staff=true should list only staff:\n%s", body)
	}
	_, body = super.get("/admin/users?is_staff=false&q=PLAIN")
	if strings.Contains(body, "super@example.com</a></td>") || !strings.Contains(body, "plain@example.com</a></td>") {
		t.Errorf("is_staff=false&q=PLAIN should list only plain@example.com")
	}
}

func TestStoredScriptsAreEscaped(t *testing.T) {
	s := newSite(t)
	id := s.addNote(`<script>alert("x")</script>`)
	super := s.user("super@example.com", auth.RoleSuperuser)
	for _, path := range []string{"/admin/notes", fmt.Sprintf("/admin/notes/%d", id), fmt.Sprintf("/admin/notes/%d/delete", id)} {
		_, body := super.get(path)
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
	status, csv := super.get("/admin/notes/export.csv?sort=body")
	if status != http.StatusOK {
		t.Fatalf("export: status %d", status)
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
		if _, body := super.get("/admin/notes?" + c.query); !strings.Contains(body, c.want) {
			t.Errorf("%s: want %s", c.query, c.want)
		}
	}
}
