// Receiving uploads from forms and serving them back. A stored file is served so that no
// browser ever runs it: only JPEG, PNG, GIF and WebP are shown inline; everything else is a
// download (Content-Disposition: attachment) of type application/octet-stream or PDF, with
// nosniff so the browser believes that type, and a sandbox policy in case it did not.

package uploads

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// formRoom is the room left for a form's other fields next to its file.
const formRoom = 1 << 20

// ParseForm reads a posted form, with its files when it is multipart, cutting the body off
// at the largest upload (plus formRoom) while it is read. The server's middleware
// (internal/server/input.go) has usually read it already; then this does nothing.
func (p Policy) ParseForm(w http.ResponseWriter, r *http.Request) error {
	if r.MultipartForm != nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseForm()
	}
	r.Body = http.MaxBytesReader(w, r.Body, p.MaxBytes()+formRoom)
	err := r.ParseMultipartForm(formRoom)
	var requestTooLarge *http.MaxBytesError
	if errors.As(err, &requestTooLarge) {
		return &Refused{Message: fmt.Sprintf("The form is larger than %d MB: send a smaller file", (p.MaxBytes()+formRoom)>>20), TooLarge: true}
	}
	return err
}

// Receive checks the file in the form field named field with Accept. A form without a file
// there gives (nil, nil): the field was left empty.
func (p Policy) Receive(w http.ResponseWriter, r *http.Request, field string, kind Kind) (*Accepted, error) {
	if err := p.ParseForm(w, r); err != nil {
		return nil, err
	}
	file, header, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, nil // no file in this field, or a form without files at all
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return p.Accept(kind, header.Filename, file)
}

// inlineTypes are the only types a browser is allowed to show in the page: images it cannot
// run. SVG is not among them: it may hold scripts.
var inlineTypes = map[string]string{
	".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
}

// Access says whether r may read the upload stored under key, and the name to offer it under
// (the name it was uploaded with); ok false answers 404, as if there were no such file.
type Access func(r *http.Request, key string) (name string, ok bool)

// Serve answers GET /uploads/{key} with the stored file, when access allows it.
func Serve(store Storage, access Access) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.PathValue("key")
		name, ok := access(r, key)
		if !ValidKey(key) || !ok {
			http.NotFound(w, r)
			return
		}
		file, err := store.Open(r.Context(), key)
		if errors.Is(err, ErrNotFound) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			http.Error(w, "The file cannot be read right now: try again later", http.StatusServiceUnavailable)
			return
		}
		defer file.Close()
		setSafeHeaders(w.Header(), key, name)
		if seeker, ok := file.(io.ReadSeeker); ok {
			http.ServeContent(w, r, "", time.Time{}, seeker) // answers Range requests too
			return
		}
		io.Copy(w, file)
	})
}

// setSafeHeaders sets the headers that keep a stored file from being run by the browser.
func setSafeHeaders(h http.Header, key, name string) {
	if name == "" {
		name = key
	}
	disposition := "attachment"
	contentType, inline := inlineTypes[path.Ext(key)]
	switch {
	case inline:
		disposition = "inline"
	case path.Ext(key) == ".pdf":
		contentType = "application/pdf"
	default:
		contentType = "application/octet-stream"
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox")
	// A key is never reused for other content, so a browser may keep the file a while.
	h.Set("Cache-Control", "private, max-age=86400")
}
