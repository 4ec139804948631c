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
func pageShown(t *testing.T, b *browser, path string) string {
	t.Helper()
	resp, _ := b.Get(path)
	if resp.StatusCode == http.StatusFound {
		target, err := url.Parse(resp.Header.Get("Location"))
		if err != nil {
			t.Fatalf("%s: bad Location %q", path, resp.Header.Get("Location"))
		}
		if status, body := b.get(target.RequestURI()); status != http.StatusOK {
			t.Fatalf("%s redirected to %s: status %d\n%.300s", path, target, status, body)
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
	for _, m := range admin.Models() {
		lists = append(lists, "/admin/"+m.Name)
	}
	for _, list := range lists {
		for _, tt := range pageQueries {
			t.Run(list+"?"+tt.query, func(t *testing.T) {
				status, body := super.get(list + "?" + tt.query)
				if status >= 500 {
					t.Fatalf("status %d\n%.300s", status, body)
				}
				shown := pageShown(t, super, list+"?"+tt.query)
				if list != "/admin/notes" {
					return // one page or none: any page shown is the last
				}
				want := map[string]string{"last": "3"}[tt.want]
				if want == "" {
					want = tt.want
				}
				if status == http.StatusOK {
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

// TestHostileIDs asks every model's row pages and filters for ids that are no row: zero,
// negative, the largest int64, beyond it, not a number. Each is a 404 (or, for a filter, a
// list that ignores it), never a server error.
func TestHostileIDs(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	ids := []string{"0", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e3", "abc", "1.5"}
	for _, m := range admin.Models() {
		for _, id := range ids {
			for _, path := range []string{"/admin/" + m.Name + "/" + id, "/admin/" + m.Name + "/" + id + "/delete"} {
				if status, body := super.get(path); status >= 500 || status == http.StatusOK {
					t.Errorf("GET %s: status %d, want 404 or a refusal\n%.200s", path, status, body)
				}
				if status, body := super.post(path, url.Values{}); status >= 500 {
					t.Errorf("POST %s: status %d\n%.200s", path, status, body)
				}
			}
			for _, f := range m.Fields {
				if status, body := super.get("/admin/" + m.Name + "?" + url.Values{f.Column: {id}, "object": {id}}.Encode()); status != http.StatusOK {
					t.Errorf("%s filter %s=%s: status %d\n%.200s", m.Name, f.Column, id, status, body)
				}
			}
		}
	}
	for _, id := range ids {
		if status, _ := super.get("/admin/audit?" + url.Values{"object": {id}, "model": {"notes"}}.Encode()); status != http.StatusOK {
			t.Errorf("audit object=%s: status %d", id, status)
		}
	}
}
