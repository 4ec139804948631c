// The CSV export, /admin/{table}/export.csv: the rows of the list page, with its search,
// filters and sort, but all of them instead of one page. Cells hold what the list shows: a
// Choice's label, the name of the row a ForeignKey points to, true or false for a Boolean.

package admin

import (
	"encoding/csv"
	"maps"
	"net/http"
	"strconv"
	"strings"
)

// ExportCSV sends the matching rows as a CSV file, with the listed columns.
func (h *Handlers) ExportCSV(w http.ResponseWriter, r *http.Request) {
	t, ok := h.table(w, r)
	if !ok || !h.allow(w, r, t.Name, "view") {
		return
	}
	q := parseListQuery(t, r.URL.Query())
	q.All = true
	page, err := h.store.List(r.Context(), t, q)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	labels, err := h.exportLabels(r, t, page.Rows) // before the first byte: an error can still be a 500 page
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+t.Name+`.csv"`)
	out := csv.NewWriter(w)
	out.Write(append([]string{"id"}, t.List...))
	for _, row := range page.Rows {
		record := []string{strconv.FormatInt(row.ID, 10)}
		for _, column := range t.List {
			f, _ := t.Field(column)
			record = append(record, safeCell(cell(f, row.Values[column], labels[column])))
		}
		out.Write(record)
	}
	out.Flush()
	if err := out.Error(); err != nil {
		h.logger.Warn("write the CSV export", "table", t.Name, "error", err)
	}
}

// exportBatch is how many rows share one query for the names of their ForeignKey ids: an
// export can hold more ids than one query may take as parameters.
const exportBatch = 500

// exportLabels finds the name of every ForeignKey id in rows, by column and id, one query per
// column and batch of rows.
func (h *Handlers) exportLabels(r *http.Request, t Table, rows []Row) (map[string]map[int64]string, error) {
	all := map[string]map[int64]string{}
	for start := 0; start < len(rows); start += exportBatch {
		batch, err := h.rowLabels(r, t, rows[start:min(start+exportBatch, len(rows))])
		if err != nil {
			return nil, err
		}
		for column, labels := range batch {
			if all[column] == nil {
				all[column] = map[int64]string{}
			}
			maps.Copy(all[column], labels)
		}
	}
	return all, nil
}

// safeCell stops a spreadsheet from running a cell as a formula ("CSV injection"): a cell that
// starts with =, +, -, @ (or a tab or carriage return) gets a ' in front, so it stays text.
func safeCell(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
