// Who may change whom, through the real routes: each actor (a superuser, and staff holding
// every users and groups permission) tries each action on each kind of account. A refusal
// must be a 403 that changes nothing in the database; an allowed action must take effect.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

// staffPerms are what the staff actor holds: all of users and groups, and only notes.view.
var staffPerms = []string{
	"users.view", "users.add", "users.change", "users.delete",
	"groups.view", "groups.add", "groups.change", "groups.delete", "notes.view",
}

// userTarget is an account that the actor acts on.
type userTarget struct {
	name  string
	role  auth.Role
	perms []string
	self  bool // the actor themselves
}

var userTargets = []userTarget{
	{name: "another superuser", role: auth.RoleSuperuser},
	{name: "staff with a permission the actor lacks", role: auth.RoleStaff, perms: []string{"notes.view", "notes.delete"}},
	{name: "staff with fewer permissions", role: auth.RoleStaff, perms: []string{"notes.view"}},
	{name: "plain user", role: auth.RoleUser},
	{name: "themselves", self: true},
}

// userAction posts a form about the target (id) and reports whether it changed what it should.
type userAction struct {
	name string
	// post sends the request; readers and editors are the ids of two groups: readers grants
	// notes.view (which the staff actor holds), editors notes.delete (which they lack).
	post func(s *site, b *testutil.Client, id int64, email string, target userTarget, readers, editors int64) int
	ok   int // the status when it is allowed
}

// userForm is the edit form of a user as the page would send it, with changes applied.
func userForm(target userTarget, email string, changes url.Values) url.Values {
	form := url.Values{"email": {email}, "is_active": {"on"}}
	if target.role == auth.RoleStaff || target.role == auth.RoleSuperuser {
		form.Set("is_staff", "on")
	}
	if target.role == auth.RoleSuperuser {
		form.Set("is_superuser", "on")
	}
	for name, values := range changes {
		form[name] = values
	}
	return form
}

var userActions = []userAction{
	{"edit the email", func(_ *site, b *testutil.Client, id int64, email string, target userTarget, _, _ int64) int {
		resp, _ := b.PostForm(fmt.Sprintf("/admin/users/%d", id), userForm(target, fmt.Sprintf("renamed-%d@example.com", id), nil))
		return resp.StatusCode
	}, http.StatusSeeOther},
	{"set the password", func(_ *site, b *testutil.Client, id int64, email string, target userTarget, _, _ int64) int {
		resp, _ := b.PostForm(fmt.Sprintf("/admin/users/%d", id), userForm(target, email, url.Values{"password_hash": {"taken over at last"}}))
		return resp.StatusCode
	}, http.StatusSeeOther},
	{"deactivate (is_active left out)", func(_ *site, b *testutil.Client, id int64, email string, target userTarget, _, _ int64) int {
		form := userForm(target, email, nil)
		form.Del("is_active")
		resp, _ := b.PostForm(fmt.Sprintf("/admin/users/%d", id), form)
		return resp.StatusCode
	}, http.StatusSeeOther},
	{"delete", func(_ *site, b *testutil.Client, id int64, _ string, _ userTarget, _, _ int64) int {
		resp, _ := b.PostForm(fmt.Sprintf("/admin/users/%d/delete", id), url.Values{})
		return resp.StatusCode
	}, http.StatusSeeOther},
	{"bulk delete", func(_ *site, b *testutil.Client, id int64, _ string, _ userTarget, _, _ int64) int {
		resp, _ := b.PostForm("/admin/users/bulk", url.Values{"id": {fmt.Sprint(id)}, "confirm": {"yes"}})
		return resp.StatusCode
	}, http.StatusSeeOther},
	{"add to a group whose permissions the actor holds", func(s *site, b *testutil.Client, id int64, _ string, _ userTarget, readers, _ int64) int {
		resp, _ := b.PostForm(fmt.Sprintf("/admin/users/%d/groups", id), url.Values{"group": append(s.groupsOf(id), fmt.Sprint(readers))})
		return resp.StatusCode
	}, http.StatusSeeOther},
	{"add to a group granting what the actor lacks", func(s *site, b *testutil.Client, id int64, _ string, _ userTarget, _, editors int64) int {
		resp, _ := b.PostForm(fmt.Sprintf("/admin/users/%d/groups", id), url.Values{"group": append(s.groupsOf(id), fmt.Sprint(editors))})
		return resp.StatusCode
	}, http.StatusSeeOther},
}

// allowed says whether actor may do action to target, by the rules of internal/auth/rules.go.
func allowed(actorIsSuper bool, target userTarget, action string) bool {
	switch {
	case target.self:
		// Their own email and password, yes; their role, account and groups, never.
		return action == "edit the email" || action == "set the password"
	case actorIsSuper:
		return true
	case target.role == auth.RoleSuperuser || strings.HasPrefix(target.name, "staff with a permission"):
		return false
	}
	return action != "add to a group granting what the actor lacks"
}

func TestWhoMayChangeWhom(t *testing.T) {
	for _, actorIsSuper := range []bool{true, false} {
		actorName := map[bool]string{true: "superuser", false: "staff"}[actorIsSuper]
		actorRole := map[bool]auth.Role{true: auth.RoleSuperuser, false: auth.RoleStaff}[actorIsSuper]
		for _, target := range userTargets {
			t.Run(actorName+"/"+target.name, func(t *testing.T) {
				t.Parallel()
				var s *site
				var actor *testutil.Client
				var readers, editors int64
				newActor := func() {
					s = newSite(t)
					readers, editors = s.group("readers", "notes.view"), s.group("editors", "notes.delete")
					actor = s.user("actor@example.com", actorRole, staffPerms...) // a superuser's groups do not matter
				}
				newActor()
				for i, action := range userActions {
					email := fmt.Sprintf("target-%d@example.com", i) // a fresh target: the last action may have deleted one
					if target.self {
						if i > 0 {
							newActor() // the last action may have changed the actor
						}
						email = "actor@example.com"
						target.role = actorRole // their own form shows their own role
					} else {
						s.account(email, target.role, target.perms...)
					}
					id := s.userID(email)

					before := s.snapshot()
					status := action.post(s, actor, id, email, target, readers, editors)
					after := s.snapshot()
					switch {
					case allowed(actorIsSuper, target, action.name):
						if status != action.ok || after == before {
							t.Errorf("%s: status %d, want %d and a change in the database", action.name, status, action.ok)
						}
					case status != http.StatusForbidden:
						t.Errorf("%s: status %d, want 403", action.name, status)
					case after != before:
						t.Errorf("%s: the database changed although the action was refused:\nbefore %s\nafter  %s", action.name, before, after)
					}
				}
			})
		}
	}
}

func TestOnlySuperusersGiveRoles(t *testing.T) {
	// The Staff and Superuser boxes are for superusers: staff who send them change nothing.
	s := newSite(t)
	staff := s.user("actor@example.com", auth.RoleStaff, staffPerms...)
	s.user("target@example.com", auth.RoleUser)
	id := s.userID("target@example.com")
	form := url.Values{"email": {"target@example.com"}, "is_active": {"on"}, "is_staff": {"on"}, "is_superuser": {"on"}}
	before := s.snapshot()
	if resp, _ := staff.PostForm(fmt.Sprintf("/admin/users/%d", id), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303 (the form is saved without the boxes)", resp.StatusCode)
	}
	if after := s.snapshot(); after != before {
		t.Errorf("staff made someone staff or superuser:\nbefore %s\nafter  %s", before, after)
	}
	// A superuser may not take away their own superuser role, or leave their own account.
	super := s.user("super@example.com", auth.RoleSuperuser)
	superID := s.userID("super@example.com")
	for name, form := range map[string]url.Values{
		"drop superuser": {"email": {"super@example.com"}, "is_active": {"on"}, "is_staff": {"on"}},
		"drop staff":     {"email": {"super@example.com"}, "is_active": {"on"}, "is_superuser": {"on"}},
		"deactivate":     {"email": {"super@example.com"}, "is_staff": {"on"}, "is_superuser": {"on"}},
	} {
		before := s.snapshot()
		if resp, _ := super.PostForm(fmt.Sprintf("/admin/users/%d", superID), form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s on themselves: status %d, want 403", name, resp.StatusCode)
		}
		if after := s.snapshot(); after != before {
			t.Errorf("%s on themselves changed the database", name)
		}
	}
}

// groupAction is one change on a group's permission page, or the group's deletion.
type groupAction struct {
	name    string
	group   string   // readers, editors or own (the actor's own group)
	grant   []string // the permissions the group should hold afterwards; nil: delete the group
	allowed map[bool]bool
}

var groupActions = []groupAction{
	{"grant a permission the actor holds", "readers", []string{"notes.view", "users.view"}, map[bool]bool{true: true, false: true}},
	{"grant a permission the actor lacks", "readers", []string{"notes.view", "notes.add"}, map[bool]bool{true: true, false: false}},
	{"take away a permission the actor lacks", "editors", []string{}, map[bool]bool{true: true, false: false}},
	{"change the actor's own group", "own", []string{"notes.view"}, map[bool]bool{true: false, false: false}},
	{"delete a group granting what the actor lacks", "editors", nil, map[bool]bool{true: true, false: false}},
	{"delete a group whose permissions the actor holds", "readers", nil, map[bool]bool{true: true, false: true}},
	{"delete the actor's own group", "own", nil, map[bool]bool{true: false, false: false}},
}

func TestWhoMayChangeGroups(t *testing.T) {
	for _, actorIsSuper := range []bool{true, false} {
		actorName := map[bool]string{true: "superuser", false: "staff"}[actorIsSuper]
		for _, action := range groupActions {
			t.Run(actorName+"/"+action.name, func(t *testing.T) {
				t.Parallel()
				s := newSite(t)
				groups := map[string]int64{"readers": s.group("readers", "notes.view"), "editors": s.group("editors", "notes.delete")}
				role := map[bool]auth.Role{true: auth.RoleSuperuser, false: auth.RoleStaff}[actorIsSuper]
				actor := s.user("actor@example.com", role, staffPerms...) // a superuser in a group too, for "own"
				groups["own"] = s.groupID("group of actor@example.com")
				id := groups[action.group]

				before := s.snapshot()
				var resp *http.Response
				if action.grant == nil {
					resp, _ = actor.PostForm(fmt.Sprintf("/admin/groups/%d/delete", id), url.Values{})
				} else {
					form := url.Values{"permission": {}}
					for _, perm := range action.grant {
						form.Add("permission", fmt.Sprint(s.permissionID(perm)))
					}
					resp, _ = actor.PostForm(fmt.Sprintf("/admin/groups/%d/permissions", id), form)
				}
				after := s.snapshot()
				if action.allowed[actorIsSuper] {
					if resp.StatusCode != http.StatusSeeOther || after == before {
						t.Errorf("status %d, want 303 and a change in the database", resp.StatusCode)
					}
					return
				}
				if resp.StatusCode != http.StatusForbidden || after != before {
					t.Errorf("status %d, want 403 with nothing changed (changed: %v)", resp.StatusCode, after != before)
				}
			})
		}
	}
}

// account creates a user with role, in a group granted perms, without logging them in.
func (s *site) account(email string, role auth.Role, perms ...string) {
	s.t.Helper()
	user, err := s.accounts.CreateUser(s.t.Context(), email, testPassword, role)
	if err != nil {
		s.t.Fatal(err)
	}
	if len(perms) > 0 {
		if err := s.accounts.AddToGroup(s.t.Context(), user.ID, s.group("group of "+email, perms...)); err != nil {
			s.t.Fatal(err)
		}
	}
}

// group creates a group granted perms ("notes.view") and returns its id.
func (s *site) group(name string, perms ...string) int64 {
	s.t.Helper()
	group, err := s.accounts.CreateGroup(s.t.Context(), name)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, perm := range perms {
		model, action, _ := strings.Cut(perm, ".")
		if err := s.accounts.Grant(s.t.Context(), group.ID, model, action); err != nil {
			s.t.Fatal(err)
		}
	}
	return group.ID
}

// The ids of a user, a group and a permission ("notes.view"). The values are the tests' own
// constants, so they may be written into the SQL.
func (s *site) userID(email string) int64 {
	return s.id("SELECT id FROM users WHERE email = '" + email + "'")
}

func (s *site) groupID(name string) int64 {
	return s.id("SELECT id FROM auth_groups WHERE name = '" + name + "'")
}

func (s *site) permissionID(perm string) int64 {
	model, action, _ := strings.Cut(perm, ".")
	return s.id("SELECT id FROM auth_permissions WHERE model = '" + model + "' AND action = '" + action + "'")
}

func (s *site) id(query string) int64 {
	s.t.Helper()
	var id int64
	if err := s.db.QueryRowContext(s.t.Context(), query).Scan(&id); err != nil {
		s.t.Fatalf("%s: %v", query, err)
	}
	return id
}

// groupsOf returns the ids of the user's groups, as the groups page's ticked boxes send them.
func (s *site) groupsOf(userID int64) []string {
	return strings.Fields(s.rows(fmt.Sprintf("SELECT group_id FROM auth_group_users WHERE user_id = %d ORDER BY group_id", userID)))
}

// snapshot is everything who-may-change-whom protects: users (but when they last logged in),
// groups, memberships and grants.
func (s *site) snapshot() string {
	return strings.Join([]string{
		s.rows("SELECT id, email, password_hash, is_active, is_staff, is_superuser, auth_version FROM users ORDER BY id"),
		s.rows("SELECT id, name FROM auth_groups ORDER BY id"),
		s.rows("SELECT user_id, group_id FROM auth_group_users ORDER BY user_id, group_id"),
		s.rows("SELECT group_id, permission_id FROM auth_group_permissions ORDER BY group_id, permission_id"),
	}, "\n")
}

// rows returns the result of query as text, a row per line.
func (s *site) rows(query string) string {
	s.t.Helper()
	rows, err := s.db.QueryContext(s.t.Context(), query)
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	columns, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		values := make([]any, len(columns))
		pointers := make([]any, len(columns))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			s.t.Fatal(err)
		}
		lines = append(lines, fmt.Sprint(values...))
	}
	if err := rows.Err(); err != nil {
		s.t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

func TestGroupAndPermissionSavesAtOnce(t *testing.T) {
	// Saves of groups pages and permission pages sent at once, each checked by the rules,
	// all succeed, and each one's result is kept. The rules read before the first write, so on
	// SQLite this needs transactions that take the write lock when they begin (BEGIN IMMEDIATE).
	for _, writers := range []int{8, 32} {
		t.Run(fmt.Sprint(writers, " at once"), func(t *testing.T) {
			s := newSite(t)
			super := s.user("super@example.com", auth.RoleSuperuser)
			readers := s.group("readers", "notes.view")
			var users, groups []int64
			for i := range writers / 2 {
				email := fmt.Sprintf("user-%d@example.com", i)
				s.account(email, auth.RoleUser)
				users = append(users, s.userID(email))
				groups = append(groups, s.group(fmt.Sprint("group ", i)))
			}
			view := fmt.Sprint(s.permissionID("notes.view"))
			statuses := make(chan int, writers)
			var wg sync.WaitGroup
			for i := range writers / 2 {
				wg.Go(func() {
					resp, _ := super.PostForm(fmt.Sprintf("/admin/users/%d/groups", users[i]), url.Values{"group": {fmt.Sprint(readers)}})
					statuses <- resp.StatusCode
				})
				wg.Go(func() {
					resp, _ := super.PostForm(fmt.Sprintf("/admin/groups/%d/permissions", groups[i]), url.Values{"permission": {view}})
					statuses <- resp.StatusCode
				})
			}
			wg.Wait()
			close(statuses)
			for status := range statuses {
				if status != http.StatusSeeOther {
					t.Errorf("a save answered %d, want 303", status)
				}
			}
			members := s.rows(fmt.Sprintf("SELECT COUNT(*) FROM auth_group_users WHERE group_id = %d", readers))
			grants := s.rows(fmt.Sprintf("SELECT COUNT(*) FROM auth_group_permissions WHERE permission_id = %s", view))
			if want := fmt.Sprint(writers / 2); members != want || grants != fmt.Sprint(writers/2+1) {
				t.Errorf("%s members and %s grants kept, want %s and %d", members, grants, want, writers/2+1)
			}
		})
	}
}
