// The add, edit and delete pages of any table. The form is built from the table's Fields, each
// input named after its column; wrong input comes back with status 422 and a message per field.

package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"myapp/internal/auth"
	"myapp/internal/web"
)

// formField is one input of the form, with its current value and any problem.
type formField struct {
	Field
	Input    string // how the page shows it: text, number, textarea, checkbox, select...
	Value    string
	Options  []Option // for a select; the first is empty when the field is optional
	Lookup   string   // for a search box ("lookup"): the URL that finds rows by name
	Chosen   string   // for a search box: the name of the row chosen
	Checked  bool     // for a Boolean
	Accept   string   // for a file input: the types it takes
	FileURL  string   // for an Image or File field with a file: where it is served
	ThumbURL string   // for an Image with a file: its thumbnail
	Problem  string
	Disabled bool // read-only, for superusers only, or on a form the user may not save
}

// formView is what templates/pages/admin_form.html shows.
type formView struct {
	Table      Table
	ID         int64 // 0 on the add page
	Action     string
	Fields     []formField
	CanSave    bool // false shows the row without a Save button: view permission only, or a ReadOnly table
	CanDelete  bool
	HistoryURL string
	Links      []rowLink // the table's Links, for this row
	Problem    string    // what is wrong with a column the form does not show
	Multipart  bool      // the form sends files
}

// rowLink is one of a table's Links with the row's id in its URL. ID names the link for tests
// and scripts: "admin-group-permissions" for a group's Permissions.
type rowLink struct {
	ID, Label, URL string
}

// rowLinks fills the row's id into the table's Links.
func rowLinks(t Table, id int64) []rowLink {
	var links []rowLink
	for _, l := range t.Links {
		name := strings.Join(strings.Fields(strings.ToLower(t.Singular+" "+l.Label)), "-")
		path := strings.ReplaceAll(l.Path, "{id}", strconv.FormatInt(id, 10))
		links = append(links, rowLink{ID: "admin-" + name, Label: l.Label, URL: path})
	}
	return links
}

// New shows the empty add form.
func (h *Handlers) New(w http.ResponseWriter, r *http.Request) {
	t, ok := h.table(w, r)
	if !ok || !h.allow(w, r, t.Name, "add") {
		return
	}
	h.showForm(w, r, http.StatusOK, t, 0, map[string]string{}, nil)
}

// Create saves the add form and goes to the new row's edit page.
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) {
	t, ok := h.table(w, r)
	if !ok || !h.allow(w, r, t.Name, "add") {
		return
	}
	var id int64
	saved := h.saveForm(w, r, t, 0, func(values map[string]any, record Recorder) (err error) {
		id, err = h.store.Insert(r.Context(), t, values, h.actor(r), record)
		return err
	})
	if saved {
		http.Redirect(w, r, "/admin/"+t.Name+"/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	}
}

// Edit shows the form filled in with the row's values.
func (h *Handlers) Edit(w http.ResponseWriter, r *http.Request) {
	t, id, ok := h.tableAndID(w, r)
	if !ok || !h.allow(w, r, t.Name, "view") {
		return
	}
	row, err := h.store.Get(r.Context(), t, id)
	if err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	text := map[string]string{}
	for _, f := range t.Fields {
		text[f.Column] = display(row.Values[f.Column], f.Kind)
		if f.Kind == DateTime && !f.ReadOnly {
			text[f.Column] = dateTimeInput(text[f.Column])
		}
	}
	h.showForm(w, r, http.StatusOK, t, id, text, nil)
}

// Update saves the edit form and shows the list again.
func (h *Handlers) Update(w http.ResponseWriter, r *http.Request) {
	t, id, ok := h.tableAndID(w, r)
	if !ok || !h.allow(w, r, t.Name, "change") {
		return
	}
	saved := h.saveForm(w, r, t, id, func(values map[string]any, record Recorder) error {
		return h.store.Update(r.Context(), t, id, values, h.actor(r), record)
	})
	if saved {
		http.Redirect(w, r, "/admin/"+t.Name, http.StatusSeeOther)
	}
}

// saveForm reads the posted form of t (row id, or 0 for a new row) and, when every field is
// good, saves the values with save and returns true. save runs record, when not nil, inside its
// transaction: it records the form's uploaded files (uploads.go). Otherwise saveForm answers
// the request itself and returns false: the form again with a message beside each refused field
// (422), 404 for a row that is gone, 403 when the table's Authorize refuses, 400 or 500.
func (h *Handlers) saveForm(w http.ResponseWriter, r *http.Request, t Table, id int64, save func(values map[string]any, record Recorder) error) bool {
	if err := h.readForm(w, r); err != nil {
		web.WriteTextError(w, http.StatusBadRequest, "the form could not be read: "+err.Error())
		return false
	}
	values, problems := parseForm(t, r.PostForm, isSuperuser(r), func(password string) (string, error) {
		return h.guard.HashPassword(r.Context(), password)
	})
	pending, err := h.receiveUploads(w, r, t, problems)
	if err == nil {
		err = h.checkReferences(r, t, values, problems)
	}
	if err != nil {
		h.render.ServerError(w, r, err)
		return false
	}
	if len(problems) == 0 {
		err := h.saveWithUploads(r, t, id, pending, values, problems, save)
		if errors.Is(err, ErrNotFound) || errors.As(err, new(*auth.ForbiddenError)) {
			h.notFoundOr(w, r, err)
			return false
		}
		if !h.fieldProblem(w, r, err, t, problems) {
			return false
		}
	}
	if len(problems) > 0 {
		h.showForm(w, r, http.StatusUnprocessableEntity, t, id, postedText(r), problems)
		return false
	}
	return true
}

// saveWithUploads stores the form's new files (only now that every other field is good),
// saves the row with them, and then deletes the files nobody uses any more: those replaced
// when the save committed, the new ones when it did not.
func (h *Handlers) saveWithUploads(r *http.Request, t Table, id int64, pending map[string]pendingUpload, values map[string]any, problems map[string]string, save func(map[string]any, Recorder) error) error {
	if len(pending) == 0 {
		return save(values, nil)
	}
	var before map[string]any
	if id != 0 {
		row, err := h.store.Get(r.Context(), t, id)
		if err != nil {
			return err
		}
		before = row.Values
	}
	change, replaced, err := h.storeUploads(r.Context(), t, before, pending, values, problems)
	if err == nil && len(problems) == 0 {
		err = save(values, recordUploads(t, change, replaced))
	}
	finish(r.Context(), change, err == nil && len(problems) == 0)
	return err
}

// fieldProblem turns a duplicate or missing value, or a row the table's Validate refused, into
// messages on their fields. It returns false when it answered the request itself, for any
// other error.
func (h *Handlers) fieldProblem(w http.ResponseWriter, r *http.Request, err error, t Table, problems map[string]string) bool {
	var refused *FieldError
	var invalid invalidRow
	switch {
	case err == nil:
		return true
	case errors.As(err, &refused) && refused.Missing:
		// The Field is not Required but its column is NOT NULL: say so on the field (or above
		// the form, for a column it does not show). Marking the Field Required fixes the form.
		if f, ok := t.Field(refused.Column); ok {
			problems[refused.Column] = f.Label + " cannot be empty."
		} else {
			problems[""] = refused.Column + " cannot be empty, and this form does not set it."
		}
		return true
	case errors.As(err, &refused):
		f, _ := t.Field(refused.Column)
		problems[refused.Column] = "Another " + t.Singular + " already has this " + f.Label + "."
		return true
	case errors.As(err, &invalid): // the table's Validate refused the row
		for column, problem := range invalid.Problems() {
			if _, ok := t.Field(column); !ok {
				problem, column = column+": "+problem, "" // not on the form: shown above it
			}
			problems[column] = strings.TrimSpace(problems[column] + " " + problem)
		}
		return true
	}
	h.render.ServerError(w, r, err)
	return false
}

// showForm renders the form with text as the inputs' values and problems beside them.
func (h *Handlers) showForm(w http.ResponseWriter, r *http.Request, status int, t Table, id int64, text, problems map[string]string) {
	view := formView{Table: t, ID: id, Action: "/admin/" + t.Name + "/new", Problem: problems[""]}
	var err error
	if id == 0 {
		view.CanSave, err = h.may(r, t.Name, "add")
	} else {
		view.Action = "/admin/" + t.Name + "/" + strconv.FormatInt(id, 10)
		view.HistoryURL = "/admin/audit?model=" + t.Name + "&object=" + strconv.FormatInt(id, 10)
		view.Links = rowLinks(t, id)
		view.CanSave, err = h.may(r, t.Name, "change")
		if err == nil {
			view.CanDelete, err = h.may(r, t.Name, "delete")
		}
	}
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	for _, f := range t.Fields {
		if f.ReadOnly && id == 0 {
			continue // set by the database when the row is added
		}
		value := text[f.Column]
		if f.Kind == Password {
			value = "" // a password is never sent back to the browser
		}
		field := formField{
			Field: f, Input: inputType(f), Value: value, Checked: value == "true" || value == "on", Problem: problems[f.Column],
			Disabled: f.ReadOnly || (f.SuperuserOnly && !isSuperuser(r)) || !view.CanSave,
		}
		switch {
		case isUpload(f):
			view.Multipart = true
			field.Accept = h.acceptTypes(f)
			if value != "" {
				field.FileURL = h.uploadURL(value, false)
				if f.Kind == Image {
					field.ThumbURL = h.uploadURL(value, true)
				}
			}
		case f.Kind == ForeignKey:
			err = h.foreignKeyInput(r, &field)
		case field.Input == "select":
			field.Options, err = h.selectOptions(r, f, value)
		}
		if err != nil {
			h.render.ServerError(w, r, err)
			return
		}
		view.Fields = append(view.Fields, field)
	}
	h.render.Page(w, r, status, "admin_form", view)
}

// inputType is the HTML input that edits field f.
func inputType(f Field) string {
	switch f.Kind {
	case LongText, JSON:
		return "textarea"
	case Decimal:
		return "text" // type=number would round and reformat; the server checks the number
	case Date:
		return "date"
	case DateTime:
		if f.ReadOnly {
			return "text"
		}
		return "datetime-local"
	case Choice, ForeignKey:
		return "select"
	case Integer:
		return "number"
	case Boolean:
		return "checkbox"
	case Password:
		return "password"
	case Image, File:
		return "file"
	}
	return "text"
}

// postedText is what the form sent, to show it again with the problems.
func postedText(r *http.Request) map[string]string {
	text := map[string]string{}
	for name, values := range r.PostForm {
		text[name] = values[0]
	}
	return text
}

func isSuperuser(r *http.Request) bool {
	user := web.CurrentUser(r.Context())
	return user != nil && user.IsSuperuser
}

// deleteView is what templates/pages/admin_delete.html shows.
type deleteView struct {
	Table  Table
	ID     int64
	Fields []formField
}

// DeleteConfirm asks whether to really delete the row, showing what it holds.
func (h *Handlers) DeleteConfirm(w http.ResponseWriter, r *http.Request) {
	t, id, ok := h.tableAndID(w, r)
	if !ok || !h.allow(w, r, t.Name, "delete") {
		return
	}
	row, err := h.store.Get(r.Context(), t, id)
	if err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	view := deleteView{Table: t, ID: id}
	for _, f := range t.Fields {
		view.Fields = append(view.Fields, formField{Field: f, Value: display(row.Values[f.Column], f.Kind)})
	}
	h.render.Page(w, r, http.StatusOK, "admin_delete", view)
}

// Delete removes the row once confirmed, and shows the list again.
func (h *Handlers) Delete(w http.ResponseWriter, r *http.Request) {
	t, id, ok := h.tableAndID(w, r)
	if !ok || !h.allow(w, r, t.Name, "delete") {
		return
	}
	if err := h.deleteRow(r, t, id); err != nil {
		h.notFoundOr(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/"+t.Name, http.StatusSeeOther)
}
