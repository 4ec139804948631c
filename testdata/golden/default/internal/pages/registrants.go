// A registrant's page (/demo/registrants/{id}): their photo, uploaded through the same checks
// as every upload (uploads.Policy: type from the content, size limits, images that decode,
// metadata stripped) and stored with the same bookkeeping as the admin's Image fields
// (DemoRegistrantService.SetPhoto); notes edited in place with htmx; delete after a
// confirmation, which deletes the photo too.

package pages

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"myapp/internal/uploads"
	"myapp/internal/web"
)

// RegistrantNotesMaxLength is the longest note accepted, in characters.
const RegistrantNotesMaxLength = 2000

// registrantPage is what templates/pages/demo_registrant.html shows.
type registrantPage struct {
	Registrant registrantItem
	Webinar    string
	Registered string
	Notes      registrantNotes
	CanChange  bool
	CanDelete  bool
	PhotoError string // why the last photo was refused
	Accept     string // the image types the file input offers
}

// registrantNotes is what the partials demo_registrant_notes(_form) show.
type registrantNotes struct {
	ID        int64
	Notes     string
	Error     string
	CanChange bool
	MaxLength int
}

// Registrant shows a registrant's page.
func (h *Webinars) Registrant(w http.ResponseWriter, r *http.Request) {
	h.showRegistrant(w, r, http.StatusOK, "")
}

// showRegistrant renders the registrant's page with status, and photoError beside the upload.
func (h *Webinars) showRegistrant(w http.ResponseWriter, r *http.Request, status int, photoError string) {
	row, ok := h.registrant(w, r, "view")
	if !ok {
		return
	}
	webinar, err := h.queries.GetDemoWebinar(r.Context(), row.WebinarID)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	canChange, err := h.may(r, "change")
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	canDelete, err := h.may(r, "delete")
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.render.Page(w, r, status, "demo_registrant", registrantPage{
		Registrant: h.item(row), Webinar: webinar.Title, Registered: row.CreatedAt.Format("2 Jan 2006 15:04"),
		Notes:     registrantNotes{ID: row.ID, Notes: row.Notes.String, CanChange: canChange, MaxLength: RegistrantNotesMaxLength},
		CanChange: canChange, CanDelete: canDelete, PhotoError: photoError,
		Accept: strings.Join(h.policy.Image.Types, ","),
	})
}

// SavePhoto stores the photo the form sent, in place of the one before. A refused file shows
// the page again with status 422 and the reason; nothing is stored then.
func (h *Webinars) SavePhoto(w http.ResponseWriter, r *http.Request) {
	id, ok := h.begin(w, r, "change")
	if !ok {
		return
	}
	photo, err := h.policy.Receive(w, r, "photo", uploads.Image)
	var refused *uploads.Refused
	switch {
	case errors.As(err, &refused):
		status := http.StatusUnprocessableEntity
		if refused.TooLarge {
			status = http.StatusRequestEntityTooLarge
		}
		h.showRegistrant(w, r, status, refused.Message+".")
		return
	case err != nil:
		h.render.ServerError(w, r, err)
		return
	case photo == nil:
		h.showRegistrant(w, r, http.StatusUnprocessableEntity, "Choose a photo to upload.")
		return
	}
	if h.failed(w, r, h.registrants.SetPhoto(r.Context(), h.db, h.files, id, photo)) {
		return
	}
	// A redirect, so that reloading the page does not send the photo again.
	http.Redirect(w, r, "/demo/registrants/"+r.PathValue("id"), http.StatusSeeOther)
}

// Notes answers htmx with the notes as the page shows them (the form's Cancel asks for it).
func (h *Webinars) Notes(w http.ResponseWriter, r *http.Request) {
	h.notesPartial(w, r, "view", "demo_registrant_notes")
}

// NotesForm answers htmx with the form that edits the notes (the Edit button asks for it).
func (h *Webinars) NotesForm(w http.ResponseWriter, r *http.Request) {
	h.notesPartial(w, r, "change", "demo_registrant_notes_form")
}

// notesPartial answers with one of the notes' partials, to a user who may do action.
func (h *Webinars) notesPartial(w http.ResponseWriter, r *http.Request, action, partial string) {
	row, ok := h.registrant(w, r, action)
	if !ok {
		return
	}
	canChange, err := h.may(r, "change")
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	h.render.Partial(w, r, http.StatusOK, partial, registrantNotes{ID: row.ID, Notes: row.Notes.String, CanChange: canChange, MaxLength: RegistrantNotesMaxLength})
}

// SaveNotes saves the notes the form sent. htmx gets the notes as shown, or the form again with
// status 422 and a message; a browser without JavaScript is sent back to the page.
func (h *Webinars) SaveNotes(w http.ResponseWriter, r *http.Request) {
	id, ok := h.begin(w, r, "change")
	if !ok {
		return
	}
	notes := strings.TrimSpace(r.PostFormValue("notes"))
	if n := utf8.RuneCountInString(notes); n > RegistrantNotesMaxLength {
		view := registrantNotes{ID: id, Notes: notes, CanChange: true, MaxLength: RegistrantNotesMaxLength,
			Error: "The notes are " + strconv.Itoa(n) + " characters long: keep them to " + strconv.Itoa(RegistrantNotesMaxLength) + "."}
		h.render.Partial(w, r, http.StatusUnprocessableEntity, "demo_registrant_notes_form", view)
		return
	}
	saved, err := h.registrants.SetNotes(r.Context(), h.db, id, notes)
	if h.failed(w, r, err) {
		return
	}
	if !web.IsHTMX(r) {
		http.Redirect(w, r, "/demo/registrants/"+r.PathValue("id"), http.StatusSeeOther)
		return
	}
	h.render.Partial(w, r, http.StatusOK, "demo_registrant_notes", registrantNotes{ID: id, Notes: saved.Notes.String, CanChange: true, MaxLength: RegistrantNotesMaxLength})
}

// Delete deletes the registrant, and their photo once that is done, then goes back to the
// webinars. The page asks for a confirmation before it sends this.
func (h *Webinars) Delete(w http.ResponseWriter, r *http.Request) {
	id, ok := h.begin(w, r, "delete")
	if !ok {
		return
	}
	if h.failed(w, r, h.registrants.Delete(r.Context(), h.db, h.files, id)) {
		return
	}
	http.Redirect(w, r, "/demo/webinars", http.StatusSeeOther)
}
