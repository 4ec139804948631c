// The audit log: who added, changed or deleted what through the admin, when and from where.
// /admin/audit shows it read-only, a page at a time (?page=2); ?model=notes&object=7 narrows it
// to one row's history. htmx asks for the table and its page links alone (partials/admin_audit_log.html).

package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"myapp/internal/web"
)

// auditTable is the audit log's name in permissions: staff need "view" on it.
const auditTable = "admin_audit"

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

// AuditQuery narrows the log to a table, or to one row of it, and picks the entries to show.
type AuditQuery struct {
	Model    string
	ObjectID int64
	Limit    int // at most this many entries
	Offset   int // after skipping this many newer ones
}

// auditWhere is the WHERE clause of q, or "" for the whole log. Its filters are optional, so
// the log is read with SQL built here; the entries are written by a sqlc query (AddAuditEntry).
func auditWhere(q AuditQuery, p *params) string {
	var conditions []string
	if q.Model != "" {
		conditions = append(conditions, "model = "+p.add(q.Model))
	}
	if q.ObjectID != 0 {
		conditions = append(conditions, "object_id = "+p.add(q.ObjectID))
	}
	if len(conditions) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conditions, " AND ")
}

// CountAudit returns how many entries q matches.
func (s *Store) CountAudit(ctx context.Context, q AuditQuery) (int64, error) {
	var p params
	query := "SELECT COUNT(*) FROM admin_audit" + auditWhere(q, &p)
	var total int64
	if err := s.db.QueryRowContext(ctx, query, p...).Scan(&total); err != nil {
		return 0, fmt.Errorf("count the audit log: %w", err)
	}
	return total, nil
}

// AuditLog returns the newest entries first.
func (s *Store) AuditLog(ctx context.Context, q AuditQuery) ([]AuditEntry, error) {
	var p params
	query := "SELECT id, user_email, action, model, object_id, changes, client_address, created_at FROM admin_audit" +
		auditWhere(q, &p) + " ORDER BY created_at DESC, id DESC LIMIT " + p.add(q.Limit) + " OFFSET " + p.add(q.Offset)
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

// auditView is what templates/pages/admin_audit.html and partials/admin_audit_log.html show.
type auditView struct {
	Query            AuditQuery
	Entries          []AuditEntry
	Total            int64
	Page, Pages      int
	PrevURL, NextURL string
}

// Audit shows a page of the audit log, newest first: the whole log, one table's or one row's
// history. It answers htmx with the table and page links alone.
func (h *Handlers) Audit(w http.ResponseWriter, r *http.Request) {
	if !h.allow(w, r, auditTable, "view") {
		return
	}
	values := r.URL.Query()
	q := AuditQuery{Model: values.Get("model"), Limit: PageSize}
	q.ObjectID, _ = strconv.ParseInt(values.Get("object"), 10, 64)
	page := web.PageNumber(values)
	q.Offset = (page - 1) * PageSize
	total, err := h.store.CountAudit(r.Context(), q)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	if last := web.LastPage(total, PageSize); page > last { // past the end: show the last page
		http.Redirect(w, r, auditURL(q, last), http.StatusFound)
		return
	}
	view := auditView{Query: q, Total: total, Page: page}
	if view.Entries, err = h.store.AuditLog(r.Context(), q); err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	view.Pages = pageCount(total) // list.go
	if page > 1 {
		view.PrevURL = auditURL(q, page-1)
	}
	if page < view.Pages {
		view.NextURL = auditURL(q, page+1)
	}
	h.renderTable(w, r, "admin_audit", "admin_audit_log", view) // list.go
}

// auditURL is the address of a page of the log, keeping its table and row.
func auditURL(q AuditQuery, page int) string {
	values := url.Values{}
	if q.Model != "" {
		values.Set("model", q.Model)
	}
	if q.ObjectID != 0 {
		values.Set("object", strconv.FormatInt(q.ObjectID, 10))
	}
	if page > 1 {
		values.Set("page", strconv.Itoa(page))
	}
	if len(values) == 0 {
		return "/admin/audit"
	}
	return "/admin/audit?" + values.Encode()
}
