// Refusing bad text at the door: one middleware checks the address and every form field of
// every request, so no handler can pass a NUL character or broken UTF-8 to the database, and
// limits the size of every form. (JSON bodies are checked where they are read: web.ReadJSON.)

package server

import (
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"

	"myapp/internal/web"
)

// maxFormBytes is the largest form the app reads: forms of text fields are far smaller. A larger
// one is refused with 413 as soon as it passes this size, so nobody can fill the server's
// memory or disk by posting a huge form. A form with files may be larger by maxFileBytes.
const maxFormBytes = 1 << 20 // 1 MiB

// rejectBadText answers 400 to a request whose path, query parameters or form fields hold text
// that web.TextProblem refuses, saying which one, and 413 to a form over maxFormBytes (plus
// maxFileBytes for a form with files: the largest upload). It reads the form here, once:
// handlers then find it in r.PostForm and r.MultipartForm as usual.
func rejectBadText(maxFileBytes int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch formType(r) {
		case "application/x-www-form-urlencoded":
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		case "multipart/form-data":
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes+maxFileBytes)
		}
		problem := badText(r)
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(problem.err, &tooBig) || errors.Is(problem.err, multipart.ErrMessageTooLarge):
			web.Refuse(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("The form is larger than %d bytes: send less", maxFormBytes+maxFileBytes))
		case problem.message != "":
			web.Refuse(w, r, http.StatusBadRequest, problem.message+". Send text as UTF-8, without NUL characters")
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// textProblem is what badText found wrong: a message for the client, and the error that
// stopped the form from being read, if that was the problem.
type textProblem struct {
	message string
	err     error
}

// badText returns what is wrong with the text of r; its message is "" when nothing is.
func badText(r *http.Request) textProblem {
	if problem := web.TextProblem(r.URL.Path); problem != "" {
		return textProblem{message: "The address " + problem}
	}
	// A query pair that cannot be read at all (?a;b) is dropped, as r.URL.Query() drops it
	// for the handlers too.
	query, _ := url.ParseQuery(r.URL.RawQuery)
	if problem := badField(query); problem != "" {
		return textProblem{message: problem}
	}
	form, err := readForm(r)
	if err != nil {
		return textProblem{message: "The form could not be read (" + err.Error() + ")", err: err}
	}
	if form == nil {
		return textProblem{}
	}
	if problem := badField(form.Value); problem != "" {
		return textProblem{message: problem}
	}
	for name, files := range form.File {
		for _, file := range files {
			if problem := web.TextProblem(file.Filename); problem != "" {
				return textProblem{message: fmt.Sprintf("The name of the file in %q %s", name, problem)}
			}
		}
	}
	return textProblem{}
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
	switch formType(r) {
	case "application/x-www-form-urlencoded":
		err := r.ParseForm()
		return &multipart.Form{Value: r.PostForm}, err
	case "multipart/form-data":
		// Files over maxFormBytes go to temporary files, which the server removes when the
		// request ends; the body's limit above bounds what the text fields can hold.
		err := r.ParseMultipartForm(maxFormBytes)
		return r.MultipartForm, err
	}
	return nil, nil
}

// formType is the media type of r's body, such as "multipart/form-data".
func formType(r *http.Request) string {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mediaType
}
