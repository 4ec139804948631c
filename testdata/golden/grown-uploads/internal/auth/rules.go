// Who may change whom: the rules the admin applies, in the transaction of the change, before
// it saves a user, a user's groups or a group's permissions. Holding `users.change` is not
// enough on its own, or staff could take over a superuser, or give themselves any permission.
// The generated README's Security section states these rules; change both together.

package auth

import (
	"context"
	"fmt"
	"slices"

	"myapp/internal/models"
)

// ForbiddenError is a refusal by the rules below. Its message says why, to the user; the
// admin shows it on its 403 page. Write your own rules with it too.
type ForbiddenError struct {
	Reason string
}

func (e *ForbiddenError) Error() string { return e.Reason }

func forbidden(format string, args ...any) error {
	return &ForbiddenError{Reason: fmt.Sprintf(format, args...)}
}

// Account is what the rules know of a user: their role and the permissions ("notes.view")
// their groups grant them.
type Account struct {
	ID          int64
	Email       string
	IsStaff     bool
	IsSuperuser bool
	Permissions []string
}

// LoadAccount reads a user's Account through queries; pass models.New(tx) to read it inside
// the transaction that makes the change, so that nothing can change in between.
func LoadAccount(ctx context.Context, queries *models.Queries, userID int64) (Account, error) {
	user, err := queries.GetUserByID(ctx, userID)
	if err != nil {
		return Account{}, err
	}
	rows, err := queries.ListUserPermissions(ctx, userID)
	if err != nil {
		return Account{}, err
	}
	account := Account{ID: user.ID, Email: user.Email, IsStaff: user.IsStaff, IsSuperuser: user.IsSuperuser}
	for _, row := range rows {
		account.Permissions = append(account.Permissions, row.Model+"."+row.Action)
	}
	return account, nil
}

// GroupPermissions returns the permissions ("notes.view") a group grants.
func GroupPermissions(ctx context.Context, queries *models.Queries, groupID int64) ([]string, error) {
	rows, err := queries.ListGroupPermissions(ctx, groupID)
	var names []string
	for _, row := range rows {
		names = append(names, row.Model+"."+row.Action)
	}
	return names, err
}

// lacks returns the first of perms that a does not hold ("" when a holds them all). A
// superuser holds every permission.
func (a Account) lacks(perms []string) string {
	if a.IsSuperuser {
		return ""
	}
	for _, perm := range perms {
		if !slices.Contains(a.Permissions, perm) {
			return perm
		}
	}
	return ""
}

// MayManageUser returns nil when actor may change, deactivate, set the password of or delete
// target: only a superuser may touch a superuser, and anyone else may touch only accounts
// that hold no permission they lack (taking over such an account would give them more).
func MayManageUser(actor, target Account) error {
	if target.IsSuperuser && !actor.IsSuperuser {
		return forbidden("Only a superuser may change or delete %s, who is a superuser.", target.Email)
	}
	if perm := actor.lacks(target.Permissions); perm != "" {
		return forbidden("%s holds the permission %s, which you do not: only a superuser, or someone who holds all of their permissions, may change or delete them.", target.Email, perm)
	}
	return nil
}

// roleColumns are the columns of users that make up a role: who may log in and what they may do.
var roleColumns = []string{"is_active", "is_staff", "is_superuser"}

// MayChangeUser returns nil when actor may change the columns changed of target. Nobody may
// change their own role, or deactivate themselves: another superuser must do it.
func MayChangeUser(actor, target Account, changed []string) error {
	if actor.ID == target.ID {
		for _, column := range changed {
			if slices.Contains(roleColumns, column) {
				return forbidden("You may not change your own %s: ask another superuser.", column)
			}
		}
		return nil
	}
	return MayManageUser(actor, target)
}

// MayDeleteUser returns nil when actor may delete target; nobody may delete themselves.
func MayDeleteUser(actor, target Account) error {
	if actor.ID == target.ID {
		return forbidden("You may not delete your own account: ask another superuser.")
	}
	return MayManageUser(actor, target)
}

// MaySetGroups returns nil when actor may add target to, or remove them from, groups whose
// permissions are changedGroups (one list per group that changes). Nobody may change their own
// groups, and a non-superuser only groups whose every permission they hold.
func MaySetGroups(actor, target Account, changedGroups [][]string) error {
	if actor.ID == target.ID {
		return forbidden("You may not change your own groups: ask another superuser.")
	}
	if err := MayManageUser(actor, target); err != nil {
		return err
	}
	for _, perms := range changedGroups {
		if perm := actor.lacks(perms); perm != "" {
			return forbidden("That group grants the permission %s, which you do not hold: only a superuser, or someone who holds all of its permissions, may change who is in it.", perm)
		}
	}
	return nil
}

// MayChangeGroup returns nil when actor may grant or take away the permissions changed of a
// group (its whole list when the group is deleted). Nobody may change a group they belong to,
// which would change their own permissions, and a non-superuser may grant or take away only
// permissions they hold.
func MayChangeGroup(actor Account, member bool, changed []string) error {
	if member {
		return forbidden("You belong to this group: you may not change its permissions, which are yours. Ask another superuser.")
	}
	if perm := actor.lacks(changed); perm != "" {
		return forbidden("You do not hold the permission %s, so you may not grant it or take it away.", perm)
	}
	return nil
}
