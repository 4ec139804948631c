// Hostile page numbers on every list of the admin and on the audit log: whatever ?page= holds
// (zero, negative, huge, beyond int64, not a number, repeated), the answer is a page of the
// list, the last one for a number past the end, and never a server error.

package admin_test

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/testutil"
)

// pageQueries are what a ?page= can hold, and the page each must end on ("last": the list's
// last page).
var pageQueries = []struct {
	query, want string
}{
	{"page=0", "1"},
	{"page=-1", "1"},
	{"page=", "1"},
	{"page=abc", "1"},
	{"page=2.5", "1"},
	{"page=1e3", "1"},
	{"page=%202", "1"},
	{"page=0x10", "1"},
	{"page=-99999999999999999999", "1"},
	{"page=2&page=1", "2"},
	{"page=%2B2", "2"},
	{"page=4", "last"},
	{"page=2147483647", "last"},
	{"page=9223372036854775807", "last"},
	{"page=9223372036854775808", "last"},
	{"page=99999999999999999999999999999", "last"},
}

// pageShown follows at most one redirect from path and returns the page number the answer
// shows ("1" when it names none), failing the test on anything but a page.
func pageShown(t *testing.T, b *testutil.Client, path string) string {
	t.Helper()
	resp, _ := b.Get(path)
	if resp.StatusCode == http.StatusFound {
		target, err := url.Parse(resp.Header.Get("Location"))
		if err != nil {
			t.Fatalf("%s: bad Location %q", path, resp.Header.Get("Location"))
		}
		if resp, body := b.Get(target.RequestURI()); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s redirected to %s: status %d\n%.300s", path, target, resp.StatusCode, body)
		}
		return cmp.Or(target.Query().Get("page"), "1")
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d, want 200 or a redirect to the last page", path, resp.StatusCode)
	}
	return "1" // a page answered as asked; which one the next checks tell
}

func TestHostilePageNumbers(t *testing.T) {
	s := newSite(t)
	for i := range 2*admin.PageSize + 1 { // three pages of notes
		s.addNote(fmt.Sprintf("note %03d", i))
	}
	super := s.user("super@example.com", auth.RoleSuperuser)
	lists := []string{"/admin/audit"}
	for _, table := range admin.Tables() {
		lists = append(lists, "/admin/"+table.Name)
	}
	for _, list := range lists {
		for _, tt := range pageQueries {
			t.Run(list+"?"+tt.query, func(t *testing.T) {
				resp, body := super.Get(list + "?" + tt.query)
				if resp.StatusCode >= 500 {
					t.Fatalf("status %d\n%.300s", resp.StatusCode, body)
				}
				shown := pageShown(t, super, list+"?"+tt.query)
				if list != "/admin/notes" {
					return // one page or none: any page shown is the last
				}
				want := map[string]string{"last": "3"}[tt.want]
				if want == "" {
					want = tt.want
				}
				if resp.StatusCode == http.StatusOK {
					shown = want // answered in place: the page text must say so
					if !strings.Contains(body, "page "+want+" of 3") {
						t.Errorf("the answer is not page %s of 3:\n%.300s", want, body)
					}
				}
				if shown != want {
					t.Errorf("shows page %s, want %s", shown, want)
				}
			})
		}
	}
}

// TestHostileIDs asks every table's row pages and filters for ids that are no row: zero,
// negative, the largest int64, beyond it, not a number. Each is a 404 (or, for a filter, a
// list that ignores it), never a server error.
func TestHostileIDs(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	ids := []string{"0", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e3", "abc", "1.5"}
	for _, table := range admin.Tables() {
		for _, id := range ids {
			for _, path := range []string{"/admin/" + table.Name + "/" + id, "/admin/" + table.Name + "/" + id + "/delete"} {
				if resp, body := super.Get(path); resp.StatusCode >= 500 || resp.StatusCode == http.StatusOK {
					t.Errorf("GET %s: status %d, want 404 or a refusal\n%.200s", path, resp.StatusCode, body)
				}
				if resp, body := super.PostForm(path, url.Values{}); resp.StatusCode >= 500 {
					t.Errorf("POST %s: status %d\n%.200s", path, resp.StatusCode, body)
				}
			}
			for _, f := range table.Fields {
				if resp, body := super.Get("/admin/" + table.Name + "?" + url.Values{f.Column: {id}, "object": {id}}.Encode()); resp.StatusCode != http.StatusOK {
					t.Errorf("%s filter %s=%s: status %d\n%.200s", table.Name, f.Column, id, resp.StatusCode, body)
				}
			}
		}
	}
	for _, id := range ids {
		if resp, _ := super.Get("/admin/audit?" + url.Values{"object": {id}, "model": {"notes"}}.Encode()); resp.StatusCode != http.StatusOK {
			t.Errorf("audit object=%s: status %d", id, resp.StatusCode)
		}
	}
}
