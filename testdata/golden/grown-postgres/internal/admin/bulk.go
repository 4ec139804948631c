// Bulk delete, POST /admin/{table}/bulk: the list's ticked rows are shown on a confirmation
// page first; only its second POST, with confirm=yes, deletes them (each with an audit entry).

package admin

import (
	"net/http"
	"strconv"

	"myapp/internal/web"
)

// bulkLimit is the most rows one bulk delete takes: a page of the list.
const bulkLimit = PageSize

// bulkView is what templates/pages/admin_bulk.html shows.
type bulkView struct {
	Table Table
	Rows  []Row
	Label string // the first listed column, to name each row
}

// Bulk confirms, then deletes, the rows whose ids the form sent as "id".
func (h *Handlers) Bulk(w http.ResponseWriter, r *http.Request) {
	t, ok := h.table(w, r)
	if !ok || !h.allow(w, r, t.Name, "delete") {
		return
	}
	if err := r.ParseForm(); err != nil {
		web.WriteTextError(w, http.StatusBadRequest, "the form could not be read")
		return
	}
	var rows []Row
	for _, text := range r.PostForm["id"] {
		id, err := strconv.ParseInt(text, 10, 64)
		if err != nil || len(rows) == bulkLimit {
			continue
		}
		row, err := h.store.Get(r.Context(), t, id)
		if err != nil {
			continue // deleted meanwhile, or never there: nothing to do
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		http.Redirect(w, r, "/admin/"+t.Name, http.StatusSeeOther)
		return
	}
	if err := h.store.Authorize(r.Context(), t, rows, h.actor(r)); err != nil {
		h.notFoundOr(w, r, err) // one row refused: none is deleted
		return
	}
	if r.PostForm.Get("confirm") != "yes" {
		h.render.Page(w, r, http.StatusOK, "admin_bulk", bulkView{Table: t, Rows: rows, Label: t.List[0]})
		return
	}
	for _, row := range rows {
		if err := h.deleteRow(r, t, row.ID); err != nil {
			h.notFoundOr(w, r, err)
			return
		}
	}
	http.Redirect(w, r, "/admin/"+t.Name, http.StatusSeeOther)
}
