// Tests for groups and permissions: superusers may do everything, others what their groups
// were granted, deactivated users nothing.

package auth

import (
	"testing"
)

func TestHasPerm(t *testing.T) {
	s, _ := newTestService(t)
	ctx := t.Context()
	superuser := createUser(t, s, "root@example.com", "correct horse battery", RoleSuperuser)
	editor := createUser(t, s, "editor@example.com", "correct horse battery", RoleStaff)
	staff := createUser(t, s, "staff@example.com", "correct horse battery", RoleStaff)
	retired := createUser(t, s, "retired@example.com", "correct horse battery", RoleSuperuser)
	s.SetActive(ctx, retired.Email, false)

	editors, err := s.CreateGroup(ctx, "editors")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := s.CreateGroup(ctx, "editors"); again.ID != editors.ID {
		t.Error("CreateGroup made a second group with the same name")
	}
	for _, action := range []string{ActionView, ActionChange} {
		if err := s.Grant(ctx, editors.ID, "notes", action); err != nil {
			t.Fatalf("Grant %s: %v", action, err)
		}
	}
	if err := s.Grant(ctx, editors.ID, "notes", ActionView); err != nil {
		t.Errorf("granting twice: %v, want no error", err)
	}
	if err := s.Grant(ctx, editors.ID, "spaceships", ActionView); err == nil {
		t.Error("granting a permission that does not exist: want an error")
	}
	if err := s.AddToGroup(ctx, editor.ID, editors.ID); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		who           string
		userID        int64
		model, action string
		want          bool
	}{
		{"superuser", superuser.ID, "notes", ActionDelete, true},
		{"superuser, any model", superuser.ID, "users", ActionAdd, true},
		{"group member, granted", editor.ID, "notes", ActionChange, true},
		{"group member, not granted", editor.ID, "notes", ActionDelete, false},
		{"group member, other model", editor.ID, "users", ActionView, false},
		{"staff without groups", staff.ID, "notes", ActionView, false},
		{"deactivated superuser", retired.ID, "notes", ActionView, false},
		{"nobody", 999999, "notes", ActionView, false},
	}
	for _, tt := range tests {
		got, err := s.HasPerm(ctx, tt.userID, tt.model, tt.action)
		if err != nil || got != tt.want {
			t.Errorf("%s: HasPerm(%s, %s) = %v, %v; want %v", tt.who, tt.model, tt.action, got, err, tt.want)
		}
	}

	s.Revoke(ctx, editors.ID, "notes", ActionChange)
	if ok, _ := s.HasPerm(ctx, editor.ID, "notes", ActionChange); ok {
		t.Error("still allowed after Revoke")
	}
	s.RemoveFromGroup(ctx, editor.ID, editors.ID)
	if ok, _ := s.HasPerm(ctx, editor.ID, "notes", ActionView); ok {
		t.Error("still allowed after leaving the group")
	}
	if groups, _ := s.GroupsOf(ctx, editor.ID); len(groups) != 0 {
		t.Errorf("GroupsOf after leaving: %v", groups)
	}
}
