// The audit log: who added, changed or deleted what through the admin, when and from where.
// /admin/audit shows it read-only; ?model=notes&object=7 narrows it to one row's history.

package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// auditModel is the permission model of the audit log: staff need "view" on it.
const auditModel = "admin_audit"

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID            int64
	UserEmail     string
	Action        string // add, change or delete
	Model         string
	ObjectID      int64
	Changes       []FieldChange
	ClientAddress string
	CreatedAt     time.Time
}

// FieldChange is one changed field of an entry, for the page.
type FieldChange struct {
	Column string
	Change
}

// AuditQuery narrows the log to a model, or to one row of it.
type AuditQuery struct {
	Model    string
	ObjectID int64
	Limit    int
}

// AuditLog returns the newest entries first.
func (s *Store) AuditLog(ctx context.Context, q AuditQuery) ([]AuditEntry, error) {
	var p params
	var conditions []string
	if q.Model != "" {
		conditions = append(conditions, "model = "+p.add(q.Model))
	}
	if q.ObjectID != 0 {
		conditions = append(conditions, "object_id = "+p.add(q.ObjectID))
	}
	query := "SELECT id, user_email, action, model, object_id, changes, client_address, created_at FROM admin_audit"
	if len(conditions) > 0 {
		query += " WHERE " + strings.Join(conditions, " AND ")
	}
	query += " ORDER BY created_at DESC, id DESC LIMIT " + p.add(q.Limit)
	rows, err := s.db.QueryContext(ctx, query, p...)
	if err != nil {
		return nil, fmt.Errorf("read the audit log: %w", err)
	}
	defer rows.Close()
	var entries []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var changes string
		if err := rows.Scan(&e.ID, &e.UserEmail, &e.Action, &e.Model, &e.ObjectID, &changes, &e.ClientAddress, &e.CreatedAt); err != nil {
			return nil, err
		}
		var byColumn map[string]Change
		if err := json.Unmarshal([]byte(changes), &byColumn); err != nil {
			return nil, fmt.Errorf("audit entry %d: %w", e.ID, err)
		}
		for _, column := range slices.Sorted(maps.Keys(byColumn)) {
			e.Changes = append(e.Changes, FieldChange{Column: column, Change: byColumn[column]})
		}
		entries = append(entries, e)
	}
	return entries, rows.Err()
}

// auditView is what templates/pages/admin_audit.html shows.
type auditView struct {
	Query   AuditQuery
	Entries []AuditEntry
}

// Audit shows the newest 200 entries of the audit log, or one model's or row's history.
func (h *Handlers) Audit(w http.ResponseWriter, r *http.Request) {
	if !h.allow(w, r, auditModel, "view") {
		return
	}
	q := AuditQuery{Model: r.URL.Query().Get("model"), Limit: 200}
	q.ObjectID, _ = strconv.ParseInt(r.URL.Query().Get("object"), 10, 64)
	entries, err := h.store.AuditLog(r.Context(), q)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.render.Page(w, r, http.StatusOK, "admin_audit", auditView{Query: q, Entries: entries})
}
