// Package admin is the admin site at /admin: a dashboard, and for every declared Model a list,
// forms, CSV export and an audit log. Routes are in internal/server/routes.go; a new table
// appears here once it has a model_<table>.go and a line in models.go.
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
	// SelectLimit is how many rows a ForeignKey field's select may offer: when the referenced
	// table has more, the form shows a search box instead. NewHandlers sets OptionLimit.
	SelectLimit int

	render *web.Renderer
	store  *Store
	guard  Guard
	models []Model
	logger *slog.Logger
}

// NewHandlers returns the admin for the declared models. A mistake in a declaration stops
// the app at start, with a message naming the model.
func NewHandlers(render *web.Renderer, store *Store, guard Guard, logger *slog.Logger, models []Model) (*Handlers, error) {
	seen := map[string]bool{}
	for _, m := range models {
		if err := m.check(); err != nil {
			return nil, err
		}
		if seen[m.Name] || m.Name == "audit" {
			return nil, fmt.Errorf("two admin models are called %q: each needs its own name", m.Name)
		}
		seen[m.Name] = true
	}
	for _, m := range models {
		for _, f := range m.Fields {
			if f.Kind == ForeignKey && !seen[f.References] {
				return nil, fmt.Errorf("admin model %s: field %q references %q, which is no admin model", m.Name, f.Column, f.References)
			}
		}
	}
	return &Handlers{SelectLimit: OptionLimit, render: render, store: store, guard: guard, models: models, logger: logger}, nil
}

// may reports whether the logged-in user may do action on model. Only staff and superusers
// may use the admin at all; staff may do what their groups were granted, read from the
// database on every request so that a change of permissions applies at once. No one may
// write a ReadOnly model: that rule is the model's, above any permission.
func (h *Handlers) may(r *http.Request, model, action string) (bool, error) {
	user := web.CurrentUser(r.Context())
	if user == nil || !(user.IsStaff || user.IsSuperuser) || h.readOnly(model, action) {
		return false, nil
	}
	return h.guard.HasPerm(r.Context(), user.ID, model, action)
}

// readOnly reports whether action would write to model, which is declared ReadOnly.
func (h *Handlers) readOnly(model, action string) bool {
	return action != "view" && slices.ContainsFunc(h.models, func(m Model) bool { return m.Name == model && m.ReadOnly })
}

// allow answers with 403 and returns false unless the user may do action on model.
func (h *Handlers) allow(w http.ResponseWriter, r *http.Request, model, action string) bool {
	ok, err := h.may(r, model, action)
	if err != nil {
		h.render.ServerError(w, r, err)
		return false
	}
	if !ok {
		var reason string // the page's usual text, about permissions, unless the model is read-only
		if h.readOnly(model, action) {
			reason = "These rows are read-only in the admin: they can be viewed here, never added, changed or deleted."
		}
		h.render.Page(w, r, http.StatusForbidden, "admin_forbidden", reason)
		return false
	}
	return true
}

// model finds the Model named in the URL, or answers 404.
func (h *Handlers) model(w http.ResponseWriter, r *http.Request) (Model, bool) {
	name := r.PathValue("model")
	for _, m := range h.models {
		if m.Name == name {
			return m, true
		}
	}
	h.render.Page(w, r, http.StatusNotFound, "404", nil)
	return Model{}, false
}

// modelAndID finds the Model and the row id in the URL, or answers 404.
func (h *Handlers) modelAndID(w http.ResponseWriter, r *http.Request) (Model, int64, bool) {
	m, ok := h.model(w, r)
	if !ok {
		return Model{}, 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		h.render.Page(w, r, http.StatusNotFound, "404", nil)
		return Model{}, 0, false
	}
	return m, id, true
}

// actor is the logged-in user, as the audit log records them.
func (h *Handlers) actor(r *http.Request) Actor {
	user := web.CurrentUser(r.Context())
	return Actor{UserID: user.ID, Email: user.Email, ClientAddress: web.ClientAddress(r)}
}

// dashboardModel is one card of the dashboard.
type dashboardModel struct {
	Model Model
	Count int64
}

// dashboardView is what templates/pages/admin_dashboard.html shows.
type dashboardView struct {
	Models   []dashboardModel
	Recent   []AuditEntry
	CanAudit bool
}

// Dashboard shows the models the user may view, with their row counts, and recent changes.
func (h *Handlers) Dashboard(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	if user == nil || !(user.IsStaff || user.IsSuperuser) {
		h.render.Page(w, r, http.StatusForbidden, "admin_forbidden", nil)
		return
	}
	var view dashboardView
	for _, m := range h.models {
		ok, err := h.may(r, m.Name, "view")
		if err == nil && ok {
			var count int64
			count, err = h.store.Count(r.Context(), m)
			view.Models = append(view.Models, dashboardModel{Model: m, Count: count})
		}
		if err != nil {
			h.render.ServerError(w, r, err)
			return
		}
	}
	ok, err := h.may(r, auditModel, "view")
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
// *auth.ForbiddenError (a model's Authorize refused) and the 500 page for any other error.
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
