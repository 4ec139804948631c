// The permission matrix: every admin action, tried by a visitor, a plain user, staff without
// and with each permission, and a superuser. Each may do exactly what their permissions allow.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

// adminAction is one thing the admin does to notes, and the permission it needs.
type adminAction struct {
	name       string
	permission string // view, add, change or delete
	method     string
	path       string // %d is a note's id
	allowed    int    // the status when the user may do it
}

var noteActions = []adminAction{
	{"list", "view", http.MethodGet, "/admin/notes", http.StatusOK},
	{"search", "view", http.MethodGet, "/admin/notes?q=x&sort=-body", http.StatusOK},
	{"edit form", "view", http.MethodGet, "/admin/notes/%d", http.StatusOK},
	{"export", "view", http.MethodGet, "/admin/notes/export.csv", http.StatusOK},
	{"add form", "add", http.MethodGet, "/admin/notes/new", http.StatusOK},
	{"add", "add", http.MethodPost, "/admin/notes/new", http.StatusSeeOther},
	{"change", "change", http.MethodPost, "/admin/notes/%d", http.StatusSeeOther},
	{"delete form", "delete", http.MethodGet, "/admin/notes/%d/delete", http.StatusOK},
	{"delete", "delete", http.MethodPost, "/admin/notes/%d/delete", http.StatusSeeOther},
	{"bulk delete", "delete", http.MethodPost, "/admin/notes/bulk", http.StatusOK}, // the confirmation
}

func TestPermissionMatrix(t *testing.T) {
	s := newSite(t)
	visitor := s.anonymous()
	plain := s.user("plain@example.com", auth.RoleUser, "notes.view", "notes.add", "notes.change", "notes.delete")
	staff := s.user("staff@example.com", auth.RoleStaff)
	super := s.user("super@example.com", auth.RoleSuperuser)
	staffWith := map[string]*testutil.Client{}
	for _, permission := range []string{"view", "add", "change", "delete"} {
		staffWith[permission] = s.user("staff-"+permission+"@example.com", auth.RoleStaff, "notes."+permission)
	}

	for _, action := range noteActions {
		t.Run(action.name, func(t *testing.T) {
			try := func(who string, b *testutil.Client, want int) {
				t.Helper()
				path := action.path
				if strings.Contains(path, "%d") {
					path = fmt.Sprintf(path, s.addNote("a note")) // a fresh note: delete removes it
				}
				var resp *http.Response
				var body string
				if action.method == http.MethodPost {
					resp, body = b.PostForm(path, url.Values{"body": {"changed"}, "id": {fmt.Sprint(s.addNote("bulk"))}})
				} else {
					resp, body = b.Get(path)
				}
				if resp.StatusCode != want {
					t.Errorf("%s: %s %s gave %d, want %d\n%.300s", who, action.method, path, resp.StatusCode, want, body)
				}
			}
			try("visitor", visitor, http.StatusSeeOther) // sent to the login page
			try("plain user with permissions", plain, http.StatusForbidden)
			try("staff without permissions", staff, http.StatusForbidden)
			for permission, b := range staffWith {
				want := http.StatusForbidden
				if permission == action.permission {
					want = action.allowed
				}
				try("staff with "+permission, b, want)
			}
			try("superuser", super, action.allowed)
		})
	}
}

func TestDashboardShowsOnlyPermittedTables(t *testing.T) {
	s := newSite(t)
	s.addNote("one")
	staff := s.user("staff@example.com", auth.RoleStaff, "notes.view")
	resp, body := staff.Get("/admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dashboard: status %d", resp.StatusCode)
	}
	if !strings.Contains(body, `id="admin-model-notes"`) || strings.Contains(body, `id="admin-model-users"`) {
		t.Errorf("dashboard shows the wrong tables:\n%s", body)
	}
	if resp, _ := s.user("plain@example.com", auth.RoleUser).Get("/admin"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("dashboard for a plain user: status %d, want 403", resp.StatusCode)
	}
	if resp, _ := staff.Get("/admin/audit"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("audit log without admin_audit.view: status %d, want 403", resp.StatusCode)
	}
}

func TestStaffCannotMakeThemselvesSuperuser(t *testing.T) {
	s := newSite(t)
	staff := s.user("staff@example.com", auth.RoleStaff, "users.change")
	user, err := s.accounts.UserByEmail(t.Context(), "staff@example.com")
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"email": {"staff@example.com"}, "is_active": {"on"}, "is_staff": {"on"}, "is_superuser": {"on"}}
	if resp, body := staff.PostForm(fmt.Sprintf("/admin/users/%d", user.ID), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: status %d\n%s", resp.StatusCode, body)
	}
	if user, _ = s.accounts.UserByEmail(t.Context(), "staff@example.com"); user.IsSuperuser {
		t.Error("a staff user made themselves a superuser through the admin")
	}
}

func TestGroupPermissionMatrix(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	staff := s.user("staff@example.com", auth.RoleStaff)
	group, err := s.accounts.CreateGroup(t.Context(), "editors")
	if err != nil {
		t.Fatal(err)
	}
	user, _ := s.accounts.UserByEmail(t.Context(), "staff@example.com")
	groups := fmt.Sprintf("/admin/users/%d/groups", user.ID)
	if resp, _ := super.PostForm(groups, url.Values{"group": {fmt.Sprint(group.ID)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add staff to editors: status %d", resp.StatusCode)
	}
	if _, body := super.Get(groups); !strings.Contains(body, fmt.Sprintf(`id="group-%d" class="checkbox checkbox-sm" checked`, group.ID)) {
		t.Errorf("the groups page does not show the membership:\n%s", body)
	}
	if resp, _ := staff.Get("/admin/notes"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("before the grant: status %d, want 403", resp.StatusCode)
	}
	path := fmt.Sprintf("/admin/groups/%d/permissions", group.ID)
	resp, body := super.Get(path)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="perm-notes-view"`) {
		t.Fatalf("matrix page: status %d\n%s", resp.StatusCode, body)
	}
	// The id of notes.view is the value of its checkbox: <input ... value="7" id="perm-notes-view">.
	before, _, _ := strings.Cut(body, `" id="perm-notes-view"`)
	permission := before[strings.LastIndex(before, `"`)+1:]
	if resp, _ := super.PostForm(path, url.Values{"permission": {permission}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save the matrix: status %d", resp.StatusCode)
	}
	if resp, _ := staff.Get("/admin/notes"); resp.StatusCode != http.StatusOK {
		t.Errorf("after granting notes.view: status %d, want 200", resp.StatusCode)
	}
	if resp, _ := staff.PostForm(path, url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("staff without groups.change saving the matrix: status %d, want 403", resp.StatusCode)
	}
}
