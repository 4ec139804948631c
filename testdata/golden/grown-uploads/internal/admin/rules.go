// Who may change whom in the admin: the users and groups tables' Authorize hooks, and the
// checks of the groups and permissions pages. The rules themselves are auth's
// (internal/auth/rules.go); here they are applied inside the transaction of each change.

package admin

import (
	"context"
	"database/sql"
	"maps"
	"slices"

	"myapp/internal/auth"
	"myapp/internal/models"
)

// authorizeUser is the users table's Authorize: auth.MayChangeUser for a change (the fields
// it would change decide: nobody changes their own role) and auth.MayDeleteUser for a delete.
func authorizeUser(ctx context.Context, tx *sql.Tx, actor Actor, action string, id int64, changes map[string]Change) error {
	who, target, err := actorAndTarget(ctx, models.New(tx), actor, id)
	if err != nil {
		return err
	}
	if action == "delete" {
		return auth.MayDeleteUser(who, target)
	}
	return auth.MayChangeUser(who, target, slices.Collect(maps.Keys(changes)))
}

// authorizeGroups applies auth.MaySetGroups to the groups whose membership would change, on
// the groups page of a user (SetUserGroups).
func authorizeGroups(ctx context.Context, tx *sql.Tx, actor Actor, userID int64, before []Membership, member []int64) error {
	queries := models.New(tx)
	who, target, err := actorAndTarget(ctx, queries, actor, userID)
	if err != nil {
		return err
	}
	var changed [][]string
	for _, g := range before {
		if g.Member != slices.Contains(member, g.GroupID) {
			perms, err := auth.GroupPermissions(ctx, queries, g.GroupID)
			if err != nil {
				return err
			}
			changed = append(changed, perms)
		}
	}
	return auth.MaySetGroups(who, target, changed)
}

// actorAndTarget returns the accounts of the actor and of the user they act on.
func actorAndTarget(ctx context.Context, queries *models.Queries, actor Actor, userID int64) (who, target auth.Account, err error) {
	if who, err = auth.LoadAccount(ctx, queries, actor.UserID); err == nil {
		target, err = auth.LoadAccount(ctx, queries, userID)
	}
	return who, target, err
}

// authorizeGroup is the groups table's Authorize: deleting a group takes all its permissions
// away from its members, so auth.MayChangeGroup must allow taking each of them away.
// Renaming a group changes no one's permissions.
func authorizeGroup(ctx context.Context, tx *sql.Tx, actor Actor, action string, id int64, _ map[string]Change) error {
	if action != "delete" {
		return nil
	}
	queries := models.New(tx)
	who, member, err := actorInGroup(ctx, queries, actor, id)
	if err != nil {
		return err
	}
	perms, err := auth.GroupPermissions(ctx, queries, id)
	if err != nil {
		return err
	}
	return auth.MayChangeGroup(who, member, perms)
}

// actorInGroup returns the actor's account and whether they belong to group groupID.
func actorInGroup(ctx context.Context, queries *models.Queries, actor Actor, groupID int64) (auth.Account, bool, error) {
	who, err := auth.LoadAccount(ctx, queries, actor.UserID)
	if err != nil {
		return auth.Account{}, false, err
	}
	member, err := queries.IsGroupMember(ctx, models.IsGroupMemberParams{UserID: actor.UserID, GroupID: groupID})
	return who, member > 0, err
}

// Authorize asks t's Authorize about deleting every one of rows, in one transaction, before a
// bulk delete deletes any: one refused row refuses them all.
func (s *Store) Authorize(ctx context.Context, t Table, rows []Row, actor Actor) error {
	if t.Authorize == nil {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, row := range rows {
			if err := t.Authorize(ctx, tx, actor, "delete", row.ID, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
