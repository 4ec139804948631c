// Refusing bad text at the door: one middleware checks the address and every form field of
// every request, so no handler can pass a NUL character or broken UTF-8 to the database.
// (JSON bodies are checked where they are read: web.ReadJSON.)

package server

import (
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"myapp/internal/web"
)

// maxFormMemory is how much of a multipart form (one with files) is held in memory; the rest
// goes to temporary files. It is net/http's own default.
const maxFormMemory = 32 << 20

// rejectBadText answers 400 to a request whose path, query parameters or form fields hold text
// that web.TextProblem refuses, saying which one. It reads the form here, once: handlers then
// find it in r.PostForm as usual.
func rejectBadText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if problem := badText(r); problem != "" {
			answerError(w, r, http.StatusBadRequest, problem+". Send text as UTF-8, without NUL characters")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// badText returns what is wrong with the text of r, or "".
func badText(r *http.Request) string {
	if problem := web.TextProblem(r.URL.Path); problem != "" {
		return "The address " + problem
	}
	// A query pair that cannot be read at all (?a;b) is dropped, as r.URL.Query() drops it
	// for the handlers too.
	query, _ := url.ParseQuery(r.URL.RawQuery)
	if problem := badField(query); problem != "" {
		return problem
	}
	form, err := readForm(r)
	if err != nil {
		return "The form could not be read (" + err.Error() + ")"
	}
	if form == nil {
		return ""
	}
	if problem := badField(form.Value); problem != "" {
		return problem
	}
	for name, files := range form.File {
		for _, file := range files {
			if problem := web.TextProblem(file.Filename); problem != "" {
				return fmt.Sprintf("The name of the file in %q %s", name, problem)
			}
		}
	}
	return ""
}

// badField says which field of values has a name or a value that web.TextProblem refuses.
func badField(values map[string][]string) string {
	for name, texts := range values {
		for _, text := range append([]string{name}, texts...) {
			if problem := web.TextProblem(text); problem != "" {
				return fmt.Sprintf("The field %q %s", name, problem)
			}
		}
	}
	return ""
}

// readForm reads the body of r when it is a form (a multipart one, with files, needs its own
// parser) and returns its fields, or nil for any other body. Handlers then find the same
// fields in r.PostForm as usual.
func readForm(r *http.Request) (*multipart.Form, error) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/x-www-form-urlencoded":
		err := r.ParseForm()
		return &multipart.Form{Value: r.PostForm}, err
	case "multipart/form-data":
		err := r.ParseMultipartForm(maxFormMemory)
		return r.MultipartForm, err
	}
	return nil, nil
}

// answerError answers a refused request with status and message: in JSON under /api/, like
// every other API answer, and in plain text elsewhere.
func answerError(w http.ResponseWriter, r *http.Request, status int, message string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		web.WriteError(w, status, message)
		return
	}
	http.Error(w, http.StatusText(status)+": "+message, status)
}
