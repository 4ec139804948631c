// Image and File fields: the column keeps the key of a file stored by internal/uploads. The
// form sends the file with the other fields; it is checked first (uploads.Policy), stored only
// when every field is good, recorded in the row's transaction, and the file it replaces is
// deleted once that transaction commits (uploads.Change).

package admin

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"slices"
	"strings"

	"myapp/internal/uploads"
)

// uploadSettings are what Image and File fields need; UseUploads sets them.
type uploadSettings struct {
	files  *uploads.Files
	policy uploads.Policy
}

// UseUploads lets the tables' Image and File fields store files in files, checked by policy.
func (h *Handlers) UseUploads(files *uploads.Files, policy uploads.Policy) {
	h.uploads = &uploadSettings{files: files, policy: policy}
}

// CanDownload reports whether the request may download a file of table (GET /uploads/{key})
// that is not public (the files of a model with public pages are: uploads.Files.MakePublic):
// those who may view its rows.
func (h *Handlers) CanDownload(r *http.Request, table string) bool {
	ok, err := h.may(r, table, "view")
	return err == nil && ok
}

// readForm reads the posted form, with its files when the table has upload fields.
func (h *Handlers) readForm(w http.ResponseWriter, r *http.Request) error {
	if h.uploads == nil {
		return r.ParseForm()
	}
	return h.uploads.policy.ParseForm(w, r)
}

// isUpload reports whether f keeps a file.
func isUpload(f Field) bool {
	return f.Kind == Image || f.Kind == File
}

// pendingUpload is what the form asked for one Image or File field.
type pendingUpload struct {
	file   *uploads.Accepted // a new file, checked, not yet stored
	remove bool              // the remove box was ticked
}

// receiveUploads checks the files the form sent for t's Image and File fields. A refused
// file is a problem beside its field; nothing is stored yet.
func (h *Handlers) receiveUploads(w http.ResponseWriter, r *http.Request, t Table, problems map[string]string) (map[string]pendingUpload, error) {
	pending := map[string]pendingUpload{}
	for _, f := range t.Fields {
		if !isUpload(f) || f.ReadOnly {
			continue
		}
		if h.uploads == nil {
			return nil, errors.New("admin table " + t.Name + " has upload fields: call UseUploads")
		}
		kind := uploads.Image
		if f.Kind == File {
			kind = uploads.File
		}
		file, err := h.uploads.policy.Receive(w, r, f.Column, kind)
		var refused *uploads.Refused
		switch {
		case errors.As(err, &refused):
			problems[f.Column] = refused.Message + "."
		case err != nil:
			return nil, err
		default:
			pending[f.Column] = pendingUpload{file: file, remove: r.PostFormValue(f.Column+"-remove") == "on"}
		}
	}
	return pending, nil
}

// storeUploads stores the new files of pending and puts their keys into values. It returns
// the columns whose file is replaced or removed, for recordUploads. before is the row's
// current values (nil for a new row): a required field without a file, new or kept, is a problem.
func (h *Handlers) storeUploads(ctx context.Context, t Table, before map[string]any, pending map[string]pendingUpload, values map[string]any, problems map[string]string) (*uploads.Change, []string, error) {
	change := h.uploads.files.Change()
	var replaced []string
	for column, p := range pending {
		f, _ := t.Field(column)
		switch {
		case p.file != nil:
			key, err := change.Add(ctx, p.file, t.Name)
			if err != nil {
				return change, nil, err
			}
			values[column] = key
			replaced = append(replaced, column)
		case p.remove && f.Required:
			problems[column] = f.Label + " is required: choose another file instead of removing it."
		case p.remove:
			values[column] = nil
			replaced = append(replaced, column)
		case display(before[column], f.Kind) == "" && f.Required:
			problems[column] = f.Label + " is required: choose a file."
		}
	}
	return change, replaced, nil
}

// recordUploads records change in the save's transaction, letting go of the files that the
// replaced columns held, as read in that same transaction: another save that changed them
// meanwhile cannot make the wrong file go.
func recordUploads(t Table, change *uploads.Change, replaced []string) Recorder {
	return func(ctx context.Context, tx *sql.Tx, before map[string]any) error {
		for _, column := range replaced {
			f, _ := t.Field(column)
			change.Remove(display(before[column], f.Kind))
		}
		return change.Record(ctx, tx)
	}
}

// deleteRow deletes row id of t and, once that commits, its files.
func (h *Handlers) deleteRow(r *http.Request, t Table, id int64) error {
	if h.uploads == nil || !slices.ContainsFunc(t.Fields, isUpload) {
		return h.store.Delete(r.Context(), t, id, h.actor(r), nil)
	}
	var columns []string
	for _, f := range t.Fields {
		if isUpload(f) {
			columns = append(columns, f.Column)
		}
	}
	change := h.uploads.files.Change()
	err := h.store.Delete(r.Context(), t, id, h.actor(r), recordUploads(t, change, columns))
	change.Finish(r.Context(), err == nil)
	return err
}

// finish deletes the objects change let go of, or the ones it stored if the save failed.
func finish(ctx context.Context, change *uploads.Change, saved bool) {
	if change != nil {
		change.Finish(ctx, saved)
	}
}

// uploadURL is the address of the file stored under key, or of its thumbnail: in S3_CDN_URL
// when that is set, otherwise /uploads/ (uploads.Files.URL).
func (h *Handlers) uploadURL(key string, thumbnail bool) string {
	if thumbnail {
		key = uploads.ThumbnailKey(key)
	}
	if h.uploads == nil {
		return uploads.URL("", key)
	}
	return h.uploads.files.URL(key)
}

// thumbnailURL is the address of the thumbnail of the image stored under key.
func (h *Handlers) thumbnailURL(key string) string {
	return h.uploadURL(key, true)
}

// acceptTypes is the accept attribute of a field's file input: the types the policy takes.
func (h *Handlers) acceptTypes(f Field) string {
	if h.uploads == nil {
		return ""
	}
	if f.Kind == Image {
		return strings.Join(h.uploads.policy.Image.Types, ",")
	}
	return strings.Join(h.uploads.policy.File.Types, ",")
}
