// A user's groups, /admin/users/{id}/groups: one checkbox per group. Members may do what their
// groups were granted (see groups.go for the permission matrix).

package admin

import (
	"context"
	"database/sql"
	"net/http"

	"myapp/internal/auth"
	"myapp/internal/models"
)

// Membership is one group, and whether the user belongs to it.
type Membership struct {
	GroupID int64
	Name    string
	Member  bool
}

// UserGroups returns every group, by name, marking those the user belongs to.
func (s *Store) UserGroups(ctx context.Context, userID int64) ([]Membership, error) {
	rows, err := models.New(s.db).ListGroupsForUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	groups := make([]Membership, len(rows))
	for i, row := range rows {
		groups[i] = Membership{GroupID: row.ID, Name: row.Name, Member: row.Member}
	}
	return groups, nil
}

// SetUserGroups makes the user a member of exactly the groups with the ids in member, and
// records the change in the audit log.
func (s *Store) SetUserGroups(ctx context.Context, userID int64, member []int64, actor Actor) error {
	before, err := s.UserGroups(ctx, userID)
	if err != nil {
		return err
	}
	links := make([]link, len(before))
	for i, g := range before {
		links[i] = link{ID: g.GroupID, Name: g.Name, Held: g.Member}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := authorizeGroups(ctx, tx, actor, userID, before, member); err != nil {
			return err
		}
		change, err := replaceLinks(ctx, tx, userGroups, userID, links, member)
		if err != nil || change.Old == change.New {
			return err
		}
		return s.audit(ctx, tx, actor, "change", usersTable, userID, map[string]Change{"groups": change})
	})
}

// userGroups is auth_group_users, saved by a user's page of groups.
var userGroups = linkTable{
	unlinkAll: (*models.Queries).RemoveUserFromAllGroups,
	link: func(q *models.Queries, ctx context.Context, user, group int64) error {
		return q.AddUserToGroup(ctx, models.AddUserToGroupParams{UserID: user, GroupID: group})
	},
	separator: ", ",
}

// signOutEverywhere is the users table's AfterChange: a new password, or a deactivation, ends
// every login session and API token of the user at once, as auth does when users change their
// own password (auth.SignOutEverywhere), in the transaction of the change.
func signOutEverywhere(ctx context.Context, tx *sql.Tx, userID int64, changes map[string]Change) error {
	_, newPassword := changes["password_hash"]
	if !newPassword && changes["is_active"].New != "false" {
		return nil
	}
	return auth.SignOutEverywhere(ctx, models.New(tx), userID)
}

// membershipView is what templates/pages/admin_user_groups.html shows.
type membershipView struct {
	UserID  int64
	Email   string
	Groups  []Membership
	CanEdit bool
}

// Groups shows the groups of a user.
func (h *Handlers) Groups(w http.ResponseWriter, r *http.Request) {
	id, ok := h.linkOwner(w, r, usersTable, "view")
	if !ok {
		return
	}
	user, err := h.store.Get(r.Context(), usersTable, id)
	if err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	view := membershipView{UserID: id, Email: display(user.Values["email"], Text)}
	view.Groups, err = h.store.UserGroups(r.Context(), id)
	if err == nil {
		view.CanEdit, err = h.may(r, usersTable.Name, "change")
	}
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.render.Page(w, r, http.StatusOK, "admin_user_groups", view)
}

// SaveGroups saves the ticked groups (each box sends "group" = its id).
func (h *Handlers) SaveGroups(w http.ResponseWriter, r *http.Request) {
	h.saveLinks(w, r, usersTable, "group", h.store.SetUserGroups, "groups")
}
