// Foreign keys: the options of a ForeignKey select, or past OptionLimit rows a search box
// (GET /admin/{table}/lookup), the names shown for ids in a list, and the check that a posted
// id really is a row of the referenced table.

package admin

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// OptionLimit is how many rows a ForeignKey select offers at most. A form whose field points to a bigger table shows a search box instead.
const OptionLimit = 500

// LookupLimit is how many rows the search box of a ForeignKey field offers at a time.
const LookupLimit = 20

// label is the SQL that names a row of t: its Display column, or its id.
func label(t Table) string {
	if t.Display == "" {
		return "id"
	}
	return t.Display
}

// Options returns the first limit rows of t by name as select options: the id as value, the
// Display column as label.
func (s *Store) Options(ctx context.Context, t Table, limit int) ([]Option, error) {
	return s.options(ctx, t, "", nil, limit)
}

// Lookup returns up to limit rows of t, by name, whose Display column contains text (in any
// case) or whose id is text; with no text, the first rows.
func (s *Store) Lookup(ctx context.Context, t Table, text string, limit int) ([]Option, error) {
	if text == "" {
		return s.options(ctx, t, "", nil, limit)
	}
	var p params
	var matches []string
	if t.Display != "" {
		matches = append(matches, containsTerm([]string{t.Display}, text, &p)) // store.go
	}
	if id, err := strconv.ParseInt(text, 10, 64); err == nil {
		matches = append(matches, "id = "+p.add(id))
	}
	if len(matches) == 0 {
		return nil, nil // no name to search, and text is no id
	}
	return s.options(ctx, t, " WHERE "+strings.Join(matches, " OR "), p, limit)
}

// options runs the query behind Options and Lookup: where, with its parameters p, picks the rows.
func (s *Store) options(ctx context.Context, t Table, where string, p params, limit int) ([]Option, error) {
	query := "SELECT id, " + label(t) + " FROM " + t.DBTable + where + " ORDER BY " + label(t) + ", id LIMIT " + p.add(limit)
	rows, err := queryRows(ctx, s.db, []string{"label"}, query, p...)
	if err != nil {
		return nil, fmt.Errorf("options of %s: %w", t.DBTable, err)
	}
	options := make([]Option, len(rows))
	for i, row := range rows {
		options[i] = Option{Value: strconv.FormatInt(row.ID, 10), Label: display(row.Values["label"], Text)}
	}
	return options, nil
}

// moreRowsThan reports whether t has more than n rows, without counting them all.
func (s *Store) moreRowsThan(ctx context.Context, t Table, n int) (bool, error) {
	var p params
	var found int
	query := "SELECT COUNT(*) FROM (SELECT 1 FROM " + t.DBTable + " LIMIT " + p.add(n+1) + ") AS some_rows"
	if err := s.db.QueryRowContext(ctx, query, p...).Scan(&found); err != nil {
		return false, fmt.Errorf("count the rows of %s: %w", t.DBTable, err)
	}
	return found > n, nil
}

// Labels returns the Display column of the rows of t with these ids, by id.
func (s *Store) Labels(ctx context.Context, t Table, ids []int64) (map[int64]string, error) {
	labels := map[int64]string{}
	if len(ids) == 0 {
		return labels, nil
	}
	var p params
	marks := make([]string, len(ids))
	for i, id := range ids {
		marks[i] = p.add(id)
	}
	query := "SELECT id, " + label(t) + " FROM " + t.DBTable + " WHERE id IN (" + strings.Join(marks, ", ") + ")"
	rows, err := queryRows(ctx, s.db, []string{"label"}, query, p...)
	if err != nil {
		return nil, fmt.Errorf("labels of %s: %w", t.DBTable, err)
	}
	for _, row := range rows {
		labels[row.ID] = display(row.Values["label"], Text)
	}
	return labels, nil
}

// referenced returns the table a ForeignKey field points to (NewHandlers made sure it exists).
func (h *Handlers) referenced(f Field) Table {
	for _, t := range h.tables {
		if t.Name == f.References {
			return t
		}
	}
	return Table{}
}

// selectOptions are the options of a Choice or ForeignKey select, after an empty one when
// the field is optional (choosing it stores NULL). current is the value the select shows.
func (h *Handlers) selectOptions(r *http.Request, f Field, current string) ([]Option, error) {
	options := f.Choices
	if f.Kind == ForeignKey {
		var err error
		if options, err = h.store.Options(r.Context(), h.referenced(f), OptionLimit); err != nil {
			return nil, err
		}
		// Past OptionLimit rows the current one may be missing: add it, or saving would change it.
		id, err := strconv.ParseInt(current, 10, 64)
		if err == nil && !slices.ContainsFunc(options, func(o Option) bool { return o.Value == current }) {
			labels, err := h.store.Labels(r.Context(), h.referenced(f), []int64{id})
			if err != nil {
				return nil, err
			}
			if label, found := labels[id]; found {
				options = append(options, Option{Value: current, Label: label})
			}
		}
	}
	if !f.Required {
		none := Option{Value: "", Label: "(none)"}
		options = append([]Option{none}, options...)
	}
	return options, nil
}

// foreignKeyInput fills in the input of a ForeignKey field: a select of the referenced rows or,
// past OptionLimit rows, a search box (Input "lookup") that shows the chosen row's name.
func (h *Handlers) foreignKeyInput(r *http.Request, field *formField) error {
	ref := h.referenced(field.Field)
	many, err := h.store.moreRowsThan(r.Context(), ref, OptionLimit)
	if err != nil {
		return err
	}
	if !many {
		field.Options, err = h.selectOptions(r, field.Field, field.Value)
		return err
	}
	field.Input, field.Lookup = "lookup", "/admin/"+ref.Name+"/lookup"
	if id, err := strconv.ParseInt(field.Value, 10, 64); err == nil {
		labels, err := h.store.Labels(r.Context(), ref, []int64{id})
		if err != nil {
			return err
		}
		field.Chosen = labels[id]
	}
	return nil
}

// lookupView is what partials/admin_lookup.html shows.
type lookupView struct {
	Options []Option
}

// Lookup answers the search box of a ForeignKey field, GET /admin/{table}/lookup?q=edi: up to
// LookupLimit rows of {table} whose name contains q, or whose id is q, as buttons that choose
// one. It needs the view permission on {table}, like its list page.
func (h *Handlers) Lookup(w http.ResponseWriter, r *http.Request) {
	t, ok := h.table(w, r)
	if !ok || !h.allow(w, r, t.Name, "view") {
		return
	}
	options, err := h.store.Lookup(r.Context(), t, strings.TrimSpace(r.URL.Query().Get("q")), LookupLimit)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.render.Partial(w, r, http.StatusOK, "admin_lookup", lookupView{Options: options})
}

// checkReferences adds a problem for each ForeignKey value that names no row.
func (h *Handlers) checkReferences(r *http.Request, t Table, values map[string]any, problems map[string]string) error {
	for _, f := range t.Fields {
		id, ok := values[f.Column].(int64)
		if f.Kind != ForeignKey || !ok {
			continue
		}
		labels, err := h.store.Labels(r.Context(), h.referenced(f), []int64{id})
		if err != nil {
			return err
		}
		if _, found := labels[id]; !found {
			problems[f.Column] = "Choose one of the " + f.Label + " options."
		}
	}
	return nil
}

// rowLabels finds the name of every ForeignKey id in rows, by column and id, for the list.
func (h *Handlers) rowLabels(r *http.Request, t Table, rows []Row) (map[string]map[int64]string, error) {
	all := map[string]map[int64]string{}
	for _, column := range t.List {
		f, _ := t.Field(column)
		if f.Kind != ForeignKey {
			continue
		}
		ids := map[int64]bool{}
		for _, row := range rows {
			if id, ok := row.Values[column].(int64); ok {
				ids[id] = true
			}
		}
		labels, err := h.store.Labels(r.Context(), h.referenced(f), slices.Collect(maps.Keys(ids)))
		if err != nil {
			return nil, err
		}
		all[column] = labels
	}
	return all, nil
}

// cell writes a value for the list: a Choice by its label, a ForeignKey by its row's name.
func cell(f Field, value any, labels map[int64]string) string {
	text := display(value, f.Kind)
	switch f.Kind {
	case Choice:
		for _, o := range f.Choices {
			if o.Value == text {
				return o.Label
			}
		}
	case ForeignKey:
		if id, ok := value.(int64); ok && labels[id] != "" {
			return labels[id]
		}
	}
	return text
}
