// The permission matrix of a group, /admin/groups/{id}/permissions: one checkbox per model
// and action. A new model's permissions appear here once its migration adds their rows.

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

// Permission is one row of auth_permissions, and whether the group holds it.
type Permission struct {
	ID      int64
	Model   string
	Action  string
	Granted bool
}

// GroupPermissions returns every permission, by model, marking those group holds.
func (s *Store) GroupPermissions(ctx context.Context, groupID int64) ([]Permission, error) {
	var p params
	query := "SELECT auth_permissions.id, model, action, auth_group_permissions.group_id IS NOT NULL" +
		" FROM auth_permissions LEFT JOIN auth_group_permissions" +
		" ON auth_group_permissions.permission_id = auth_permissions.id AND auth_group_permissions.group_id = " + p.add(groupID) +
		" ORDER BY model, auth_permissions.id"
	rows, err := s.db.QueryContext(ctx, query, p...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var permissions []Permission
	for rows.Next() {
		var perm Permission
		if err := rows.Scan(&perm.ID, &perm.Model, &perm.Action, &perm.Granted); err != nil {
			return nil, err
		}
		permissions = append(permissions, perm)
	}
	return permissions, rows.Err()
}

// SetGroupPermissions makes the group hold exactly the permissions with the ids in granted,
// and records the change in the audit log.
func (s *Store) SetGroupPermissions(ctx context.Context, groupID int64, granted []int64, actor Actor) error {
	before, err := s.GroupPermissions(ctx, groupID)
	if err != nil {
		return err
	}
	var was, now []string
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := authorizeGrants(ctx, tx, actor, groupID, before, granted); err != nil {
			return err
		}
		var p params
		if _, err := tx.ExecContext(ctx, "DELETE FROM auth_group_permissions WHERE group_id = "+p.add(groupID), p...); err != nil {
			return err
		}
		for _, perm := range before {
			name := perm.Model + "." + perm.Action
			if perm.Granted {
				was = append(was, name)
			}
			if !slices.Contains(granted, perm.ID) {
				continue
			}
			now = append(now, name)
			var p params
			query := "INSERT INTO auth_group_permissions (group_id, permission_id) VALUES (" + p.add(groupID) + ", " + p.add(perm.ID) + ")"
			if _, err := tx.ExecContext(ctx, query, p...); err != nil {
				return err
			}
		}
		change := Change{Old: strings.Join(was, " "), New: strings.Join(now, " ")}
		if change.Old == change.New {
			return nil
		}
		return s.audit(ctx, tx, actor, "change", groupsModel, groupID, map[string]Change{"permissions": change})
	})
}

// authorizeGrants applies auth.MayChangeGroup to the permissions that would be granted or
// taken away.
func authorizeGrants(ctx context.Context, tx *sql.Tx, actor Actor, groupID int64, before []Permission, granted []int64) error {
	who, member, err := actorInGroup(ctx, models.New(tx), actor, groupID)
	if err != nil {
		return err
	}
	var changed []string
	for _, perm := range before {
		if perm.Granted != slices.Contains(granted, perm.ID) {
			changed = append(changed, perm.Model+"."+perm.Action)
		}
	}
	return auth.MayChangeGroup(who, member, changed)
}

// matrixRow is one model of the matrix, with its actions in order.
type matrixRow struct {
	Model       string
	Permissions []Permission
}

// matrixView is what templates/pages/admin_permissions.html shows.
type matrixView struct {
	GroupID int64
	Name    string
	Rows    []matrixRow
	CanEdit bool
}

// Permissions shows the group's permission matrix.
func (h *Handlers) Permissions(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || !h.allow(w, r, groupsModel.Name, "view") {
		if err != nil {
			h.render.Page(w, r, http.StatusNotFound, "404", nil)
		}
		return
	}
	group, err := h.store.Get(r.Context(), groupsModel, id)
	if err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	permissions, err := h.store.GroupPermissions(r.Context(), id)
	if err == nil {
		view := matrixView{GroupID: id, Name: display(group.Values["name"], Text)}
		view.CanEdit, err = h.may(r, groupsModel.Name, "change")
		for _, perm := range permissions {
			if n := len(view.Rows); n == 0 || view.Rows[n-1].Model != perm.Model {
				view.Rows = append(view.Rows, matrixRow{Model: perm.Model})
			}
			last := &view.Rows[len(view.Rows)-1]
			last.Permissions = append(last.Permissions, perm)
		}
		if err == nil {
			h.render.Page(w, r, http.StatusOK, "admin_permissions", view)
			return
		}
	}
	h.render.ServerError(w, r, err)
}

// SavePermissions saves the ticked boxes of the matrix (each sends "permission" = its id).
func (h *Handlers) SavePermissions(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || !h.allow(w, r, groupsModel.Name, "change") {
		if err != nil {
			h.render.Page(w, r, http.StatusNotFound, "404", nil)
		}
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad Request: the form could not be read", http.StatusBadRequest)
		return
	}
	if _, err := h.store.Get(r.Context(), groupsModel, id); err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	var granted []int64
	for _, text := range r.PostForm["permission"] {
		if permission, err := strconv.ParseInt(text, 10, 64); err == nil {
			granted = append(granted, permission)
		}
	}
	if err := h.store.SetGroupPermissions(r.Context(), id, granted, h.actor(r)); err != nil {
		h.notFoundOr(w, r, err) // 403 with the reason when auth's rules refuse
		return
	}
	http.Redirect(w, r, "/admin/groups/"+strconv.FormatInt(id, 10)+"/permissions", http.StatusSeeOther)
}
