// The permission matrix of a group, /admin/groups/{id}/permissions: one checkbox per table
// and action. A new table's permissions appear here once its migration adds their rows.

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
	"myapp/internal/web"
)

// Permission is one row of auth_permissions, and whether the group holds it.
type Permission struct {
	ID      int64
	Model   string
	Action  string
	Granted bool
}

// GroupPermissions returns every permission, by table, marking those group holds.
func (s *Store) GroupPermissions(ctx context.Context, groupID int64) ([]Permission, error) {
	rows, err := models.New(s.db).ListPermissionsForGroup(ctx, groupID)
	if err != nil {
		return nil, err
	}
	permissions := make([]Permission, len(rows))
	for i, row := range rows {
		permissions[i] = Permission{ID: row.ID, Model: row.Model, Action: row.Action, Granted: row.Granted}
	}
	return permissions, nil
}

// SetGroupPermissions makes the group hold exactly the permissions with the ids in granted,
// and records the change in the audit log.
func (s *Store) SetGroupPermissions(ctx context.Context, groupID int64, granted []int64, actor Actor) error {
	before, err := s.GroupPermissions(ctx, groupID)
	if err != nil {
		return err
	}
	links := make([]link, len(before))
	for i, perm := range before {
		links[i] = link{ID: perm.ID, Name: perm.Model + "." + perm.Action, Held: perm.Granted}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := authorizeGrants(ctx, tx, actor, groupID, before, granted); err != nil {
			return err
		}
		change, err := replaceLinks(ctx, tx, groupPermissions, groupID, links, granted)
		if err != nil || change.Old == change.New {
			return err
		}
		return s.audit(ctx, tx, actor, "change", groupsTable, groupID, map[string]Change{"permissions": change})
	})
}

// linkTable is a many-to-many table: a user's groups (auth_group_users) or a group's
// permissions (auth_group_permissions). The owner is the row whose page of checkboxes saves it;
// unlinkAll and link are its queries in internal/database/queries.
type linkTable struct {
	unlinkAll func(q *models.Queries, ctx context.Context, owner int64) error
	link      func(q *models.Queries, ctx context.Context, owner, other int64) error
	separator string // between names in the audit log: "a, b" or "notes.add notes.view"
}

// groupPermissions is auth_group_permissions, saved by the permission matrix.
var groupPermissions = linkTable{
	unlinkAll: (*models.Queries).RevokeAllPermissions,
	link: func(q *models.Queries, ctx context.Context, group, permission int64) error {
		return q.GrantPermissionByID(ctx, models.GrantPermissionByIDParams{GroupID: group, PermissionID: permission})
	},
	separator: " ",
}

// link is one row an owner may link to (a group, a permission), and whether it does now.
type link struct {
	ID   int64
	Name string // as the audit log shows it
	Held bool
}

// replaceLinks makes owner link to exactly the rows of links whose ids are in chosen, in tx,
// and returns the change for the audit log: the names linked before and after. Ids in chosen
// that are not among links are ignored.
func replaceLinks(ctx context.Context, tx *sql.Tx, table linkTable, owner int64, links []link, chosen []int64) (Change, error) {
	q := models.New(tx)
	if err := table.unlinkAll(q, ctx, owner); err != nil {
		return Change{}, err
	}
	var was, now []string
	for _, l := range links {
		if l.Held {
			was = append(was, l.Name)
		}
		if !slices.Contains(chosen, l.ID) {
			continue
		}
		now = append(now, l.Name)
		if err := table.link(q, ctx, owner, l.ID); err != nil {
			return Change{}, err
		}
	}
	return Change{Old: strings.Join(was, table.separator), New: strings.Join(now, table.separator)}, nil
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

// matrixRow is one table of the matrix, with its actions in order.
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
	id, ok := h.linkOwner(w, r, groupsTable, "view")
	if !ok {
		return
	}
	group, err := h.store.Get(r.Context(), groupsTable, id)
	if err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	permissions, err := h.store.GroupPermissions(r.Context(), id)
	if err == nil {
		view := matrixView{GroupID: id, Name: display(group.Values["name"], Text)}
		view.CanEdit, err = h.may(r, groupsTable.Name, "change")
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
	h.saveLinks(w, r, groupsTable, "permission", h.store.SetGroupPermissions, "permissions")
}

// linkOwner reads the id in the URL of a page of checkboxes (a user's groups, a group's
// permissions) and checks the permission action on t; when either fails it answers (404 or
// 403) and returns false.
func (h *Handlers) linkOwner(w http.ResponseWriter, r *http.Request, t Table, action string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.render.Page(w, r, http.StatusNotFound, "404", nil)
		return 0, false
	}
	return id, h.allow(w, r, t.Name, action)
}

// saveLinks saves a page of checkboxes on the row of t in the URL: each ticked box sends box =
// the id of what it links to, save stores the ticked ids, and the answer goes back to the page
// (/admin/<table>/<id>/<page>).
func (h *Handlers) saveLinks(w http.ResponseWriter, r *http.Request, t Table, box string, save func(context.Context, int64, []int64, Actor) error, page string) {
	id, ok := h.linkOwner(w, r, t, "change")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		web.WriteTextError(w, http.StatusBadRequest, "the form could not be read")
		return
	}
	if _, err := h.store.Get(r.Context(), t, id); err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	var chosen []int64
	for _, text := range r.PostForm[box] {
		if other, err := strconv.ParseInt(text, 10, 64); err == nil {
			chosen = append(chosen, other)
		}
	}
	if err := save(r.Context(), id, chosen, h.actor(r)); err != nil {
		h.notFoundOr(w, r, err) // 403 with the reason when auth's rules refuse
		return
	}
	http.Redirect(w, r, "/admin/"+t.Name+"/"+strconv.FormatInt(id, 10)+"/"+page, http.StatusSeeOther)
}
