// The notes pages: the smallest complete path from a form to the database and back.
// Copy this file when you add a table of your own: list, validate, create, answer htmx.

package pages

import (
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"myapp/internal/models"
	"myapp/internal/web"
)

const (
	// NoteMaxLength is the longest note accepted, in characters.
	NoteMaxLength = 500
	// notesShown is how many of the newest notes the page lists.
	notesShown = 50
)

// Notes handles /notes. Its methods share the renderer and the database queries.
type Notes struct {
	render  *web.Renderer
	queries *models.Queries
}

// NewNotes returns the notes handlers.
func NewNotes(render *web.Renderer, queries *models.Queries) *Notes {
	return &Notes{render: render, queries: queries}
}

// notesView is what templates/partials/notes.html shows.
type notesView struct {
	Notes     []noteView
	Count     int64
	Body      string // the text in the form: kept when there is an error, so nothing is lost
	Error     string
	MaxLength int
}

// noteView is one note as the page shows it. Its time is written out here, in Go: a method
// called from a template ({{ .CreatedAt.Format ... }}) is looked up by reflection on every
// row, which made up a tenth of the time of this page.
type noteView struct {
	Body        string
	CreatedAt   string // for machines: <time datetime="...">
	CreatedText string // for people
}

// noteViews turns notes into what the page shows.
func noteViews(notes []models.Note) []noteView {
	views := make([]noteView, len(notes))
	for i, note := range notes {
		views[i] = noteView{
			Body:        note.Body,
			CreatedAt:   note.CreatedAt.Format(time.RFC3339),
			CreatedText: note.CreatedAt.Format("2 Jan 2006 15:04"),
		}
	}
	return views
}

// List shows the form and the newest notes.
func (n *Notes) List(w http.ResponseWriter, r *http.Request) {
	n.show(w, r, http.StatusOK, notesView{})
}

// Create saves the note posted by the form. Invalid input shows the form again with status
// 422 and a message. Success answers htmx with the updated list, and a plain browser form with
// a redirect, so reloading the page does not post the note twice.
func (n *Notes) Create(w http.ResponseWriter, r *http.Request) {
	body := strings.TrimSpace(r.PostFormValue("body"))
	if problem := validateNote(body); problem != "" {
		n.show(w, r, http.StatusUnprocessableEntity, notesView{Body: body, Error: problem})
		return
	}
	if _, err := n.queries.CreateNote(r.Context(), body); err != nil {
		n.render.ServerError(w, r, err)
		return
	}
	if web.IsHTMX(r) {
		n.show(w, r, http.StatusOK, notesView{})
		return
	}
	http.Redirect(w, r, "/notes", http.StatusSeeOther)
}

// validateNote returns what is wrong with a note's body, or "" when it is fine.
func validateNote(body string) string {
	switch {
	case body == "":
		return "Write something first: a note cannot be empty."
	case utf8.RuneCountInString(body) > NoteMaxLength:
		return fmt.Sprintf("That note is too long: keep it to %d characters or fewer.", NoteMaxLength)
	}
	return ""
}

// show loads the notes and renders them into view: the whole page, or only the notes
// section when htmx asked.
func (n *Notes) show(w http.ResponseWriter, r *http.Request, status int, view notesView) {
	notes, err := n.queries.ListNotes(r.Context(), notesShown)
	if err != nil {
		n.render.ServerError(w, r, err)
		return
	}
	count, err := n.queries.CountNotes(r.Context())
	if err != nil {
		n.render.ServerError(w, r, err)
		return
	}
	view.Notes, view.Count, view.MaxLength = noteViews(notes), count, NoteMaxLength
	if web.IsHTMX(r) {
		n.render.Partial(w, r, status, "notes", view)
		return
	}
	n.render.Page(w, r, status, "notes", view)
}
