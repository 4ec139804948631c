// A user's groups, /admin/users/{id}/groups: one checkbox per group. Members may do what their
// groups were granted (see groups.go for the permission matrix).

package admin

import (
	"context"
	"database/sql"
	"net/http"
	"slices"
	"strconv"
	"strings"

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
	var p params
	query := "SELECT auth_groups.id, auth_groups.name, auth_group_users.user_id IS NOT NULL" +
		" FROM auth_groups LEFT JOIN auth_group_users" +
		" ON auth_group_users.group_id = auth_groups.id AND auth_group_users.user_id = " + p.add(userID) +
		" ORDER BY auth_groups.name"
	rows, err := s.db.QueryContext(ctx, query, p...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var groups []Membership
	for rows.Next() {
		var g Membership
		if err := rows.Scan(&g.GroupID, &g.Name, &g.Member); err != nil {
			return nil, err
		}
		groups = append(groups, g)
	}
	return groups, rows.Err()
}

// SetUserGroups makes the user a member of exactly the groups with the ids in member, and
// records the change in the audit log.
func (s *Store) SetUserGroups(ctx context.Context, userID int64, member []int64, actor Actor) error {
	before, err := s.UserGroups(ctx, userID)
	if err != nil {
		return err
	}
	var was, now []string
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := authorizeGroups(ctx, tx, actor, userID, before, member); err != nil {
			return err
		}
		var p params
		if _, err := tx.ExecContext(ctx, "DELETE FROM auth_group_users WHERE user_id = "+p.add(userID), p...); err != nil {
			return err
		}
		for _, g := range before {
			if g.Member {
				was = append(was, g.Name)
			}
			if !slices.Contains(member, g.GroupID) {
				continue
			}
			now = append(now, g.Name)
			var p params
			query := "INSERT INTO auth_group_users (user_id, group_id) VALUES (" + p.add(userID) + ", " + p.add(g.GroupID) + ")"
			if _, err := tx.ExecContext(ctx, query, p...); err != nil {
				return err
			}
		}
		change := Change{Old: strings.Join(was, ", "), New: strings.Join(now, ", ")}
		if change.Old == change.New {
			return nil
		}
		return s.audit(ctx, tx, actor, "change", usersModel, userID, map[string]Change{"groups": change})
	})
}

// signOutEverywhere is the users model's AfterChange: a new password, or a deactivation, ends
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
	id, ok := h.userID(w, r, "view")
	if !ok {
		return
	}
	user, err := h.store.Get(r.Context(), usersModel, id)
	if err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	view := membershipView{UserID: id, Email: display(user.Values["email"], Text)}
	view.Groups, err = h.store.UserGroups(r.Context(), id)
	if err == nil {
		view.CanEdit, err = h.may(r, usersModel.Name, "change")
	}
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.render.Page(w, r, http.StatusOK, "admin_user_groups", view)
}

// SaveGroups saves the ticked groups (each box sends "group" = its id).
func (h *Handlers) SaveGroups(w http.ResponseWriter, r *http.Request) {
	id, ok := h.userID(w, r, "change")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad Request: the form could not be read", http.StatusBadRequest)
		return
	}
	if _, err := h.store.Get(r.Context(), usersModel, id); err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	var member []int64
	for _, text := range r.PostForm["group"] {
		if group, err := strconv.ParseInt(text, 10, 64); err == nil {
			member = append(member, group)
		}
	}
	if err := h.store.SetUserGroups(r.Context(), id, member, h.actor(r)); err != nil {
		h.notFoundOr(w, r, err) // 403 with the reason when auth's rules refuse
		return
	}
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10)+"/groups", http.StatusSeeOther)
}

// userID reads the user id in the URL and checks the permission action on users; when either
// fails it answers (404 or 403) and returns false.
func (h *Handlers) userID(w http.ResponseWriter, r *http.Request, action string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.render.Page(w, r, http.StatusNotFound, "404", nil)
		return 0, false
	}
	return id, h.allow(w, r, usersModel.Name, action)
}
