// Groups and permissions, as in Django: a permission is an action ("view", "add", "change",
// "delete") on a model ("notes"), granted to groups; a user may do what any of their groups
// may, and a superuser may do everything. A new model gets its permission rows in its migration.

package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"myapp/internal/models"
)

// The four actions a permission can allow on a model.
const (
	ActionView   = "view"
	ActionAdd    = "add"
	ActionChange = "change"
	ActionDelete = "delete"
)

// HasPerm reports whether the user may do action on model. It asks the database every time,
// so a change of groups or permissions applies at once. Deactivated users may do nothing.
func (s *Service) HasPerm(ctx context.Context, userID int64, model, action string) (bool, error) {
	count, err := s.queries.CountUserPermission(ctx, models.CountUserPermissionParams{
		UserID: userID, Model: model, Action: action,
	})
	if err != nil {
		return false, fmt.Errorf("check permission %s on %s: %w", action, model, err)
	}
	return count > 0, nil
}

// CreateGroup adds a group, or returns the existing one with that name.
func (s *Service) CreateGroup(ctx context.Context, name string) (models.AuthGroup, error) {
	group, err := s.queries.GetGroupByName(ctx, name)
	if errors.Is(err, sql.ErrNoRows) {
		return s.queries.CreateGroup(ctx, name)
	}
	return group, err
}

// AddToGroup makes a user a member of a group.
func (s *Service) AddToGroup(ctx context.Context, userID, groupID int64) error {
	return s.queries.AddUserToGroup(ctx, models.AddUserToGroupParams{UserID: userID, GroupID: groupID})
}

// RemoveFromGroup ends a user's membership of a group.
func (s *Service) RemoveFromGroup(ctx context.Context, userID, groupID int64) error {
	return s.queries.RemoveUserFromGroup(ctx, models.RemoveUserFromGroupParams{UserID: userID, GroupID: groupID})
}

// Grant lets the members of a group do action on model.
func (s *Service) Grant(ctx context.Context, groupID int64, model, action string) error {
	granted, err := s.queries.GrantPermission(ctx, models.GrantPermissionParams{GroupID: groupID, Model: model, Action: action})
	if err != nil {
		return err
	}
	if granted == 0 {
		// Either it was granted already, or no such permission exists; tell which.
		if ok, err := s.permissionExists(ctx, groupID, model, action); err != nil || ok {
			return err
		}
		return fmt.Errorf("there is no permission %q on %q: a model's permissions are added by its migration", action, model)
	}
	return nil
}

// Revoke takes a permission away from a group.
func (s *Service) Revoke(ctx context.Context, groupID int64, model, action string) error {
	return s.queries.RevokePermission(ctx, models.RevokePermissionParams{GroupID: groupID, Model: model, Action: action})
}

// GroupsOf returns the groups a user belongs to.
func (s *Service) GroupsOf(ctx context.Context, userID int64) ([]models.AuthGroup, error) {
	return s.queries.ListUserGroups(ctx, userID)
}

// permissionExists reports whether the group already holds the permission.
func (s *Service) permissionExists(ctx context.Context, groupID int64, model, action string) (bool, error) {
	held, err := s.queries.GroupHasPermission(ctx, models.GroupHasPermissionParams{GroupID: groupID, Model: model, Action: action})
	return held > 0, err
}
