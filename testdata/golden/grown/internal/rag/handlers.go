// The web side of the documents: Handlers answers the pages (documents_pages.go) and the JSON
// API (documents_api.go) with the Service. Routes are in internal/server/routes.go.
package rag

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"myapp/internal/uploads"
	"myapp/internal/web"
)

// Handlers answers the documents' pages and API, and the search page and API (search_pages.go).
type Handlers struct {
	service *Service
	render  *web.Renderer
	logger  *slog.Logger
}

// NewHandlers returns the documents' handlers.
func NewHandlers(service *Service, render *web.Renderer, logger *slog.Logger) *Handlers {
	return &Handlers{service: service, render: render, logger: logger}
}

// pathID is the {id} of the URL; 0 (which no document has) when it is not a number.
func pathID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

// problem says how to answer err: the status and a message for the user, or ok false for an
// error of the app itself (a 500, logged).
func problem(err error) (status int, message string, ok bool) {
	var refused *uploads.Refused
	switch {
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound, upperFirst(err.Error()), true
	case errors.Is(err, ErrNotAllowed):
		return http.StatusForbidden, upperFirst(err.Error()), true
	case errors.Is(err, ErrNoUploads):
		return http.StatusBadRequest, upperFirst(err.Error()), true
	case errors.As(err, &refused):
		if refused.TooLarge {
			return http.StatusRequestEntityTooLarge, refused.Message, true
		}
		return http.StatusBadRequest, refused.Message, true
	}
	return 0, "", false
}

// upperFirst starts a message with a capital letter, as a sentence on a page.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// isStaff reports whether the user may share documents.
func isStaff(user *web.User) bool {
	return user != nil && (user.IsStaff || user.IsSuperuser)
}

// formDocument reads a new document from a form or a multipart API request: a "file", or a
// "text"; with a "title" and, for staff, "shared". The file stays open until close is called.
func formDocument(r *http.Request) (in NewDocument, close func(), err error) {
	in = NewDocument{
		Title:       r.PostFormValue("title"),
		Text:        r.PostFormValue("text"),
		ContentType: r.PostFormValue("content_type"),
		Shared:      r.PostFormValue("shared") == "true" || r.PostFormValue("shared") == "on",
	}
	close = func() {}
	file, header, err := r.FormFile("file")
	switch {
	case errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart):
		if strings.TrimSpace(in.Text) == "" {
			return in, close, &uploads.Refused{Message: "Choose a file, or paste some text"}
		}
		return in, close, nil
	case err != nil:
		return in, close, err
	}
	in.File, in.FileName = file, header.Filename
	return in, func() { file.Close() }, nil
}
