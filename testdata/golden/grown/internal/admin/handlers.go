// Package admin is the admin site at /admin: a dashboard, and for every declared Table a list,
// forms, CSV export and an audit log. Routes are in internal/server/routes.go; a new table
// appears here once it has a table_<table>.go and a line in tables.go.
package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"

	"myapp/internal/auth"
	"myapp/internal/web"
)

// Guard is what the admin asks auth: may this user do this, and how is a password stored.
// auth.Handlers provides both. Where a request came from is web.ClientAddress's to say.
type Guard interface {
	HasPerm(ctx context.Context, userID int64, model, action string) (bool, error)
	HashPassword(ctx context.Context, password string) (string, error)
}

// Handlers answers every /admin route.
type Handlers struct {
	render  *web.Renderer
	store   *Store
	guard   Guard
	tables  []Table
	logger  *slog.Logger
	uploads *uploadSettings // for Image and File fields: UseUploads (uploads.go)
}

// NewHandlers returns the admin for the declared tables. A mistake in a declaration stops
// the app at start, with a message naming the table.
func NewHandlers(render *web.Renderer, store *Store, guard Guard, logger *slog.Logger, tables []Table) (*Handlers, error) {
	seen := map[string]bool{}
	for _, t := range tables {
		if err := t.check(); err != nil {
			return nil, err
		}
		if seen[t.Name] || t.Name == "audit" {
			return nil, fmt.Errorf("two admin tables are called %q: each needs its own name", t.Name)
		}
		seen[t.Name] = true
	}
	for _, t := range tables {
		for _, f := range t.Fields {
			if f.Kind == ForeignKey && !seen[f.References] {
				return nil, fmt.Errorf("admin table %s: field %q references %q, which is no admin table", t.Name, f.Column, f.References)
			}
		}
	}
	return &Handlers{render: render, store: store, guard: guard, tables: tables, logger: logger}, nil
}

// may reports whether the logged-in user may do action on table. Only staff and superusers
// may use the admin at all; staff may do what their groups were granted, read from the
// database on every request so that a change of permissions applies at once. No one may
// write a ReadOnly table: that rule is the table's, above any permission.
func (h *Handlers) may(r *http.Request, table, action string) (bool, error) {
	user := web.CurrentUser(r.Context())
	if user == nil || !(user.IsStaff || user.IsSuperuser) || h.readOnly(table, action) {
		return false, nil
	}
	return h.guard.HasPerm(r.Context(), user.ID, table, action)
}

// readOnly reports whether action would write to table, which is declared ReadOnly (or
// NoAdd, and action is "add").
func (h *Handlers) readOnly(table, action string) bool {
	return action != "view" && slices.ContainsFunc(h.tables, func(t Table) bool {
		return t.Name == table && (t.ReadOnly || t.NoAdd && action == "add")
	})
}

// allow answers with 403 and returns false unless the user may do action on table.
func (h *Handlers) allow(w http.ResponseWriter, r *http.Request, table, action string) bool {
	ok, err := h.may(r, table, action)
	if err != nil {
		h.render.ServerError(w, r, err)
		return false
	}
	if !ok {
		var reason string // the page's usual text, about permissions, unless the table is read-only
		if h.readOnly(table, action) {
			reason = "These rows are read-only in the admin: they can be viewed here, never added, changed or deleted."
		}
		h.render.Page(w, r, http.StatusForbidden, "admin_forbidden", reason)
		return false
	}
	return true
}

// table finds the Table named in the URL, or answers 404.
func (h *Handlers) table(w http.ResponseWriter, r *http.Request) (Table, bool) {
	name := r.PathValue("table")
	for _, t := range h.tables {
		if t.Name == name {
			return t, true
		}
	}
	h.render.Page(w, r, http.StatusNotFound, "404", nil)
	return Table{}, false
}

// tableAndID finds the Table and the row id in the URL, or answers 404.
func (h *Handlers) tableAndID(w http.ResponseWriter, r *http.Request) (Table, int64, bool) {
	t, ok := h.table(w, r)
	if !ok {
		return Table{}, 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		h.render.Page(w, r, http.StatusNotFound, "404", nil)
		return Table{}, 0, false
	}
	return t, id, true
}

// actor is the logged-in user, as the audit log records them.
func (h *Handlers) actor(r *http.Request) Actor {
	user := web.CurrentUser(r.Context())
	return Actor{UserID: user.ID, Email: user.Email, ClientAddress: web.ClientAddress(r)}
}

// dashboardTable is one card of the dashboard.
type dashboardTable struct {
	Table Table
	Count int64
}

// dashboardView is what templates/pages/admin_dashboard.html shows.
type dashboardView struct {
	Tables   []dashboardTable
	Recent   []AuditEntry
	CanAudit bool
}

// Dashboard shows the tables the user may view, with their row counts, and recent changes.
func (h *Handlers) Dashboard(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	if user == nil || !(user.IsStaff || user.IsSuperuser) {
		h.render.Page(w, r, http.StatusForbidden, "admin_forbidden", nil)
		return
	}
	var view dashboardView
	for _, t := range h.tables {
		ok, err := h.may(r, t.Name, "view")
		if err == nil && ok {
			var count int64
			count, err = h.store.Count(r.Context(), t)
			view.Tables = append(view.Tables, dashboardTable{Table: t, Count: count})
		}
		if err != nil {
			h.render.ServerError(w, r, err)
			return
		}
	}
	ok, err := h.may(r, auditTable, "view")
	if err == nil && ok {
		view.CanAudit = true
		view.Recent, err = h.store.AuditLog(r.Context(), AuditQuery{Limit: 10})
	}
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.render.Page(w, r, http.StatusOK, "admin_dashboard", view)
}

// notFoundOr shows 404 for ErrNotFound, the 403 page with its reason for an
// *auth.ForbiddenError (a table's Authorize refused) and the 500 page for any other error.
func (h *Handlers) notFoundOr(w http.ResponseWriter, r *http.Request, err error) {
	var refused *auth.ForbiddenError
	switch {
	case errors.Is(err, ErrNotFound):
		h.render.Page(w, r, http.StatusNotFound, "404", nil)
	case errors.As(err, &refused):
		h.logger.Warn("admin change refused", "user_id", web.CurrentUser(r.Context()).ID, "path", r.URL.Path, "reason", refused.Reason)
		h.render.Page(w, r, http.StatusForbidden, "admin_forbidden", refused.Reason)
	default:
		h.render.ServerError(w, r, err)
	}
}
