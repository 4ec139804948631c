// The CSV export, /admin/{model}/export.csv: the rows of the list page, with its search,
// filters and sort, but all of them instead of one page.

package admin

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
)

// ExportCSV sends the matching rows as a CSV file, with the listed columns.
func (h *Handlers) ExportCSV(w http.ResponseWriter, r *http.Request) {
	m, ok := h.model(w, r)
	if !ok || !h.allow(w, r, m.Name, "view") {
		return
	}
	q := parseListQuery(m, r.URL.Query())
	q.All = true
	rows, _, err := h.store.List(r.Context(), m, q)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+m.Name+`.csv"`)
	out := csv.NewWriter(w)
	header := []string{"id"}
	for _, column := range m.List {
		header = append(header, column)
	}
	out.Write(header)
	for _, row := range rows {
		record := []string{strconv.FormatInt(row.ID, 10)}
		for _, column := range m.List {
			f, _ := m.Field(column)
			record = append(record, safeCell(display(row.Values[column], f.Kind)))
		}
		out.Write(record)
	}
	out.Flush()
	if err := out.Error(); err != nil {
		h.logger.Warn("write the CSV export", "model", m.Name, "error", err)
	}
}

// safeCell stops a spreadsheet from running a cell as a formula ("CSV injection"): a cell that
// starts with =, +, -, @ (or a tab or carriage return) gets a ' in front, so it stays text.
func safeCell(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
