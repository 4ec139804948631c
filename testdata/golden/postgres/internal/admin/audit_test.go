// Tests for the audit log's pages: a page at a time with the total, page links that keep a
// row's history narrowed to that row, and the table alone for htmx.

package admin_test

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
)

// nextPage finds the link to the older entries in a page of the log, or "".
func nextPage(body string) string {
	match := regexp.MustCompile(`id="admin-audit-next" href="([^"]+)"`).FindStringSubmatch(body)
	if match == nil {
		return ""
	}
	return html.UnescapeString(match[1])
}

func TestAuditLogPages(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	note, other := s.addNote("version 0"), s.addNote("other 0")
	store, actor := admin.NewStore(s.db), admin.Actor{Email: "super@example.com"}
	var notes admin.Table
	for _, table := range admin.Tables() {
		if table.Name == "notes" {
			notes = table
		}
	}
	const changes = admin.PageSize + 10 // two pages of the note's history
	for i := 1; i <= changes; i++ {
		if err := store.Update(t.Context(), notes, note, map[string]any{"body": fmt.Sprintf("version %d", i)}, actor, nil); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 5; i++ {
		if err := store.Update(t.Context(), notes, other, map[string]any{"body": fmt.Sprintf("other %d", i)}, actor, nil); err != nil {
			t.Fatal(err)
		}
	}

	_, edit := super.Get(fmt.Sprintf("/admin/notes/%d", note))
	history := fmt.Sprintf("/admin/audit?model=notes&object=%d", note)
	if !strings.Contains(edit, `id="admin-history" href="`+html.EscapeString(history)+`"`) {
		t.Fatalf("the note's page lacks its history link %s", history)
	}
	resp, first := super.Get(history)
	if resp.StatusCode != http.StatusOK || !strings.Contains(first, fmt.Sprintf(`id="admin-audit-total">%d entries · page 1 of 2`, changes)) {
		t.Fatalf("history, page 1: status %d\n%s", resp.StatusCode, first)
	}
	if n := strings.Count(first, `class="badge"`); n != admin.PageSize || !strings.Contains(first, fmt.Sprintf("→ version %d<", changes)) {
		t.Errorf("page 1 shows %d entries, want the newest %d", n, admin.PageSize)
	}
	next := nextPage(first)
	if next != history+"&page=2" {
		t.Fatalf("the link to page 2 is %q, want %q: it must keep the row", next, history+"&page=2")
	}
	_, second := super.Get(next)
	if n := strings.Count(second, `class="badge"`); n != changes-admin.PageSize || !strings.Contains(second, "→ version 1<") ||
		strings.Contains(second, "other") || nextPage(second) != "" || !strings.Contains(second, `id="admin-audit-prev"`) {
		t.Errorf("page 2 shows %d entries, want the oldest %d of this note only, a link back and none further\n%s", n, changes-admin.PageSize, second)
	}
	resp, partial := super.Do(http.MethodGet, next, "", nil, http.Header{"Hx-Request": {"true"}})
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(partial), `<section id="admin-audit-log">`) || strings.Contains(partial, "<html") {
		t.Errorf("htmx asking for page 2: status %d, want the log's section alone\n%.300s", resp.StatusCode, partial)
	}

	_, whole := super.Get("/admin/audit")
	if !strings.Contains(whole, fmt.Sprintf(`id="admin-audit-total">%d entries · page 1 of 2`, changes+5)) || nextPage(whole) != "/admin/audit?page=2" {
		t.Errorf("the whole log: want %d entries on 2 pages\n%s", changes+5, whole)
	}
}
