// Many people saving through the admin at once: every save must wait its turn and succeed,
// never fail with "database is locked", and every save the admin acknowledged must be there
// afterwards. Each test runs with 8 and with 32 writers at once.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

// withWriters runs test with 8, then 32, clients saving at once, each time on a new site
// with a superuser logged in.
func withWriters(t *testing.T, test func(t *testing.T, s *site, super *testutil.Client, writers int)) {
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			s := newSite(t)
			test(t, s, s.user("super@example.com", auth.RoleSuperuser), writers)
		})
	}
}

// savesEach is how many saves each writer makes in a row.
const savesEach = 3

// concurrently runs save(writer, n) for every writer and each of its saves, all writers at
// once, and fails the test for every save that did not answer want.
func concurrently(t *testing.T, writers int, want int, save func(writer, n int) (int, error)) {
	t.Helper()
	testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
		status, err := save(writer, n)
		if err == nil && status != want {
			err = fmt.Errorf("writer %d, save %d: status %d, want %d", writer, n, status, want)
		}
		return err
	})
}

// postForm sends a form from c in a goroutine: it reports errors instead of stopping the test.
func postForm(c *testutil.Client, path string, form url.Values) (int, error) {
	resp, _, err := c.TryPostForm(path, form)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// countRows runs a query that counts rows.
func (s *site) countRows(query string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.db.QueryRowContext(s.t.Context(), query, args...).Scan(&n); err != nil {
		s.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// ids runs a query that selects ids.
func (s *site) ids(query string) []int64 {
	s.t.Helper()
	rows, err := s.db.QueryContext(s.t.Context(), query)
	if err != nil {
		s.t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			s.t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// sqlArg is the placeholder of a query's first argument, the same on both engines.
const sqlArg = "$1"

func TestConcurrentAdminCreates(t *testing.T) {
	withWriters(t, func(t *testing.T, s *site, super *testutil.Client, writers int) {
		concurrently(t, writers, http.StatusSeeOther, func(writer, n int) (int, error) {
			return postForm(super, "/admin/notes/new", url.Values{"body": {fmt.Sprintf("note %d.%d", writer, n)}})
		})
		if got, want := s.countRows("SELECT COUNT(*) FROM notes"), writers*savesEach; got != want {
			t.Errorf("%d notes saved, want %d", got, want)
		}
		if got, want := s.countRows("SELECT COUNT(*) FROM admin_audit WHERE action = 'add'"), writers*savesEach; got != want {
			t.Errorf("%d additions in the audit log, want %d", got, want)
		}
	})
}

func TestConcurrentAdminEditsOfOneRow(t *testing.T) {
	withWriters(t, func(t *testing.T, s *site, super *testutil.Client, writers int) {
		id := s.addNote("first version")
		path := "/admin/notes/" + strconv.FormatInt(id, 10)
		concurrently(t, writers, http.StatusSeeOther, func(writer, n int) (int, error) {
			return postForm(super, path, url.Values{"body": {fmt.Sprintf("version %d.%d", writer, n)}})
		})
		// Each edit changed the body (every one is different), so each has its audit entry.
		if got, want := s.countRows("SELECT COUNT(*) FROM admin_audit WHERE action = 'change'"), writers*savesEach; got != want {
			t.Errorf("%d changes in the audit log, want %d", got, want)
		}
		var body string
		if err := s.db.QueryRowContext(t.Context(), "SELECT body FROM notes WHERE id = "+sqlArg, id).Scan(&body); err != nil || !strings.HasPrefix(body, "version ") {
			t.Errorf("the note reads %q (%v), want the last version saved", body, err)
		}
	})
}

func TestConcurrentAdminDeletes(t *testing.T) {
	withWriters(t, func(t *testing.T, s *site, super *testutil.Client, writers int) {
		// Each writer deletes its own rows: one at a time, then the rest in a bulk delete.
		ids := make([][]int64, writers)
		for writer := range writers {
			for n := range savesEach + 2 {
				ids[writer] = append(ids[writer], s.addNote(fmt.Sprintf("note %d.%d", writer, n)))
			}
		}
		concurrently(t, writers, http.StatusSeeOther, func(writer, n int) (int, error) {
			if n < savesEach-1 {
				return postForm(super, "/admin/notes/"+strconv.FormatInt(ids[writer][n], 10)+"/delete", nil)
			}
			form := url.Values{"confirm": {"yes"}}
			for _, id := range ids[writer][n:] {
				form.Add("id", strconv.FormatInt(id, 10))
			}
			return postForm(super, "/admin/notes/bulk", form)
		})
		if got := s.countRows("SELECT COUNT(*) FROM notes"); got != 0 {
			t.Errorf("%d notes left, want none", got)
		}
		if got, want := s.countRows("SELECT COUNT(*) FROM admin_audit WHERE action = 'delete'"), writers*(savesEach+2); got != want {
			t.Errorf("%d deletions in the audit log, want %d", got, want)
		}
	})
}

func TestConcurrentGroupsAndPermissions(t *testing.T) {
	withWriters(t, func(t *testing.T, s *site, super *testutil.Client, writers int) {
		ctx := t.Context()
		// Each writer has a group, whose permissions it sets, and a user, whose groups it sets.
		groups, users := make([]int64, writers), make([]int64, writers)
		for writer := range writers {
			group, err := s.accounts.CreateGroup(ctx, fmt.Sprintf("group %d", writer))
			if err != nil {
				t.Fatal(err)
			}
			user, err := s.accounts.CreateUser(ctx, fmt.Sprintf("user%d@example.com", writer), testPassword, auth.RoleUser)
			if err != nil {
				t.Fatal(err)
			}
			groups[writer], users[writer] = group.ID, user.ID
		}
		permissions := s.ids("SELECT id FROM auth_permissions ORDER BY id LIMIT " + strconv.Itoa(savesEach))
		concurrently(t, writers, http.StatusSeeOther, func(writer, n int) (int, error) {
			group, user := strconv.FormatInt(groups[writer], 10), strconv.FormatInt(users[writer], 10)
			if n%2 == 1 {
				return postForm(super, "/admin/users/"+user+"/groups", url.Values{"group": {group}})
			}
			// The n+1 first permissions: each save changes the set.
			form := url.Values{}
			for _, id := range permissions[:n+1] {
				form.Add("permission", strconv.FormatInt(id, 10))
			}
			return postForm(super, "/admin/groups/"+group+"/permissions", form)
		})
		for writer := range writers {
			if got := s.countRows("SELECT COUNT(*) FROM auth_group_permissions WHERE group_id = "+sqlArg, groups[writer]); got != savesEach {
				t.Errorf("group %d holds %d permissions, want %d (its last save)", writer, got, savesEach)
			}
			if got := s.countRows("SELECT COUNT(*) FROM auth_group_users WHERE user_id = "+sqlArg, users[writer]); got != 1 {
				t.Errorf("user %d is in %d groups, want 1", writer, got)
			}
		}
	})
}
