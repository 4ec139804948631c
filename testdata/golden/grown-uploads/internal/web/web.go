// Package web holds the HTML templates and static files (embedded in the binary) and the
// Renderer that turns them into pages. A new page is a new file in templates/pages/.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
)

// files holds templates/ and static/. static/dist/ (built by `npm run build`) is included
// when it exists; Assets falls back to CDN links when it does not.
//
//go:embed templates static
var files embed.FS

// Renderer renders the pages in templates/pages inside the layout in templates/layouts.
// It parses every template once, at start, so a broken template stops the app right away
// instead of failing on some later request.
type Renderer struct {
	pages    map[string]*template.Template // page name ("home") -> layout + partials + page
	partials *template.Template            // every partial, for HTMX responses
	assets   Assets
	logger   *slog.Logger
	buffers  sync.Pool // of *bytes.Buffer: see buffer
}

// PageData is what every page template receives: .Path, .User, .Assets and .Nonce for the
// layout, .Data for the page itself.
type PageData struct {
	Path   string // the request path, so the layout can highlight the current link
	User   *User  // who is logged in, nil for a visitor (see user.go)
	Assets Assets
	Nonce  string // this request's nonce: an inline <script> runs only with nonce="{{ .Nonce }}" (nonce.go)
	Data   any
}

// NewRenderer parses the layout, the partials and every page.
func NewRenderer(logger *slog.Logger) (*Renderer, error) {
	layouts, err := fs.Glob(files, "templates/layouts/*.html")
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(files, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(files, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}

	r := &Renderer{
		pages:    map[string]*template.Template{},
		partials: template.New("partials"),
		assets:   AssetsFrom(files),
		logger:   logger,
	}
	if len(partials) > 0 {
		if r.partials, err = r.partials.ParseFS(files, partials...); err != nil {
			return nil, fmt.Errorf("parse the partials: %w", err)
		}
	}
	for _, page := range pages {
		name := strings.TrimSuffix(path.Base(page), ".html")
		tmpl, err := template.New(name).ParseFS(files, slices.Concat(layouts, partials, []string{page})...)
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		r.pages[name] = tmpl
	}
	return r, nil
}

// Page renders the page called name (templates/pages/<name>.html) inside the layout, with
// data available to the page as .Data.
func (r *Renderer) Page(w http.ResponseWriter, req *http.Request, status int, name string, data any) {
	tmpl, ok := r.pages[name]
	if !ok {
		r.ServerError(w, req, fmt.Errorf("no page template %q: add templates/pages/%s.html", name, name))
		return
	}
	pageData := PageData{Path: req.URL.Path, User: CurrentUser(req.Context()), Assets: r.assets, Nonce: Nonce(req.Context()), Data: data}
	r.write(w, req, status, tmpl, "base", pageData)
}

// Partial renders one partial template (a define "name" block in templates/partials)
// on its own: the answer to an HTMX request, which swaps it into the page already shown.
func (r *Renderer) Partial(w http.ResponseWriter, req *http.Request, status int, name string, data any) {
	r.write(w, req, status, r.partials, name, data)
}

// ServerError logs err and answers with the 500 page. The visitor sees a polite message;
// the details stay in the log. A client that went away gets no answer and no error in the
// log (ClientGone), and an answer already begun is not followed by an error page.
func (r *Renderer) ServerError(w http.ResponseWriter, req *http.Request, err error) {
	if !logFailure(r.logger, req, err) {
		return
	}
	if responseStarted(w) {
		return // an error page now would be glued to the end of the part already sent
	}
	tmpl, ok := r.pages["500"]
	if !ok {
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "base", PageData{Path: req.URL.Path, User: CurrentUser(req.Context()), Assets: r.assets, Nonce: Nonce(req.Context())}); err != nil {
		r.logger.Error("render the 500 page", "error", err)
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	writeHTML(w, http.StatusInternalServerError, buf.Bytes())
}

// write renders into a buffer first, so a template error becomes a clean 500 page instead
// of half a page followed by an error message.
func (r *Renderer) write(w http.ResponseWriter, req *http.Request, status int, tmpl *template.Template, name string, data any) {
	buf := r.buffer()
	defer r.release(buf)
	if err := tmpl.ExecuteTemplate(buf, name, data); err != nil {
		r.ServerError(w, req, fmt.Errorf("render template %q: %w", name, err))
		return
	}
	writeHTML(w, status, buf.Bytes())
}

// buffer returns an empty buffer to render a page into: one a page before used, when there
// is one. A page of 50 rows is tens of kilobytes, and a new buffer for each request grew
// step by step to that size, copying what it held at each step, for the garbage collector
// to clear after.
func (r *Renderer) buffer() *bytes.Buffer {
	if buf, ok := r.buffers.Get().(*bytes.Buffer); ok {
		buf.Reset()
		return buf
	}
	return new(bytes.Buffer)
}

// release keeps buf for a later page, unless an unusually big page made it too big to keep.
func (r *Renderer) release(buf *bytes.Buffer) {
	if buf.Cap() <= maxKeptBuffer {
		r.buffers.Put(buf)
	}
}

// maxKeptBuffer is the biggest buffer release keeps (1 MiB).
const maxKeptBuffer = 1 << 20

func writeHTML(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

// IsHTMX reports whether htmx sent the request (htmx adds this header to each one), so a
// handler can answer with a partial instead of a whole page.
func IsHTMX(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true"
}

// StaticHandler serves the files under static/ at /static/, and nothing else: the templates
// are embedded too, but only static/ is handed to it. A name is served only when it is a
// plain path to a file: no "..", no empty or "." parts, no backslash, no part starting
// with a dot, no directory. Everything else is a 404, so a trick that would reach past
// static/ finds nothing to reach.
func StaticHandler() http.Handler {
	static, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // cannot happen: "static" is a valid name, and embed checked it exists
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, "/static/")
		if !ok || !isAssetName(name) {
			http.NotFound(w, r)
			return
		}
		if info, err := fs.Stat(static, name); err != nil || !info.Mode().IsRegular() {
			http.NotFound(w, r) // missing, or a directory: listings would show every file we ship
			return
		}
		http.ServeFileFS(w, r, static, name)
	})
}

// isAssetName reports whether name (a path inside static/) is one the app may serve.
func isAssetName(name string) bool {
	// fs.ValidPath refuses "..", ".", empty parts ("a//b") and a leading or trailing slash.
	if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, "\\\x00") {
		return false
	}
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") { // .env, .git: never shipped on purpose
			return false
		}
	}
	return true
}
