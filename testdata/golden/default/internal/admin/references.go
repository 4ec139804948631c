// Foreign keys: the options of a ForeignKey select, the names shown for ids in a list, and
// the check that a posted id really is a row of the referenced model.

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

// OptionLimit is how many rows a ForeignKey select offers, the first by name (plus the
// row already chosen). A bigger table would need a search box instead of a select.
const OptionLimit = 500

// label is the SQL that names a row of m: its Display column, or its id.
func label(m Model) string {
	if m.Display == "" {
		return "id"
	}
	return m.Display
}

// Options returns the rows of m as select options: the id as value, the Display column as label.
func (s *Store) Options(ctx context.Context, m Model) ([]Option, error) {
	var p params
	query := "SELECT id, " + label(m) + " FROM " + m.Table + " ORDER BY " + label(m) + ", id LIMIT " + p.add(OptionLimit)
	rows, err := queryRows(ctx, s.db, []string{"label"}, query, p...)
	if err != nil {
		return nil, fmt.Errorf("options of %s: %w", m.Table, err)
	}
	options := make([]Option, len(rows))
	for i, row := range rows {
		options[i] = Option{Value: strconv.FormatInt(row.ID, 10), Label: display(row.Values["label"], Text)}
	}
	return options, nil
}

// Labels returns the Display column of the rows of m with these ids, by id.
func (s *Store) Labels(ctx context.Context, m Model, ids []int64) (map[int64]string, error) {
	labels := map[int64]string{}
	if len(ids) == 0 {
		return labels, nil
	}
	var p params
	marks := make([]string, len(ids))
	for i, id := range ids {
		marks[i] = p.add(id)
	}
	query := "SELECT id, " + label(m) + " FROM " + m.Table + " WHERE id IN (" + strings.Join(marks, ", ") + ")"
	rows, err := queryRows(ctx, s.db, []string{"label"}, query, p...)
	if err != nil {
		return nil, fmt.Errorf("labels of %s: %w", m.Table, err)
	}
	for _, row := range rows {
		labels[row.ID] = display(row.Values["label"], Text)
	}
	return labels, nil
}

// referenced returns the model a ForeignKey field points to (NewHandlers made sure it exists).
func (h *Handlers) referenced(f Field) Model {
	for _, m := range h.models {
		if m.Name == f.References {
			return m
		}
	}
	return Model{}
}

// selectOptions are the options of a Choice or ForeignKey select, after an empty one when
// the field is optional (choosing it stores NULL). current is the value the select shows.
func (h *Handlers) selectOptions(r *http.Request, f Field, current string) ([]Option, error) {
	options := f.Choices
	if f.Kind == ForeignKey {
		var err error
		if options, err = h.store.Options(r.Context(), h.referenced(f)); err != nil {
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

// checkReferences adds a problem for each ForeignKey value that names no row.
func (h *Handlers) checkReferences(r *http.Request, m Model, values map[string]any, problems map[string]string) error {
	for _, f := range m.Fields {
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
func (h *Handlers) rowLabels(r *http.Request, m Model, rows []Row) (map[string]map[int64]string, error) {
	all := map[string]map[int64]string{}
	for _, column := range m.List {
		f, _ := m.Field(column)
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
