// Every URL of the app, in one place, including those `fastopp add` writes: each line is yours
// to change. To add a page, write its handler in internal/pages and add one line here (or run
// `fastopp add page`); Go's patterns are "METHOD /path", with {name} for a path segment.
// A handler is an http.Handler (pages.Home(render)) registered with mux.Handle, or a method of a
// feature's handler type (notes.List) registered with mux.HandleFunc; a middleware such as
// accounts.RequireLogin takes and returns an http.Handler, so a method is wrapped as
// accounts.RequireLogin(http.HandlerFunc(notes.List)).

package server

import (
	"net/http"
	"time"

	"myapp/internal/models"
	"myapp/internal/pages"
	"myapp/internal/services"
	"myapp/internal/uploads"
	"myapp/internal/web"
)

// addRoutes registers every route of the app on mux, with the handler that answers it.
func addRoutes(mux *http.ServeMux, render *web.Renderer, deps Deps, files *uploads.Files) {
	mux.Handle("GET /{$}", pages.Home(render))

	statements := deps.Statements // the app's one statement cache: each query prepared once
	notes := pages.NewNotes(render, models.New(statements))
	mux.HandleFunc("GET /notes", notes.List)
	mux.HandleFunc("POST /notes", notes.Create)

	mux.Handle("GET /demo", pages.Demo(render))
	mux.Handle("GET /demo/partial", pages.DemoPartial(render, time.Now))
	mux.Handle("GET /demo/slow", pages.DemoSlow(render, time.Now, time.Second))
	mux.Handle("GET /demo/licence", pages.Licence(render))

	// The products demo: search, filter, sort and charts over demo_products (go run . demo load).
	mux.HandleFunc("GET /demo/products", pages.NewDemoProducts(render, models.New(statements)).List)

	// Uploaded files: those of a table with public pages to anyone (files.MakePublic, which
	// `fastopp add model --pages` writes below), the others to no one: without the admin,
	// nobody is given permission to view a table's rows.
	mux.Handle("GET /uploads/{key}", files.Serve(uploads.NoOne))

	books := pages.NewBooks(render, services.NewBookService(statements))
	mux.HandleFunc("GET /books", books.List)
	mux.HandleFunc("GET /books/{id}", books.Show)

	events := pages.NewEvents(render, services.NewEventService(statements))
	mux.HandleFunc("GET /events", events.List)
	mux.HandleFunc("GET /events/{id}", events.Show)

	mux.Handle("GET /about", pages.AboutPage(render))

	// fastopp add puts the routes of new pages and models above this line.

	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(deps.DB))
	mux.Handle("GET /static/", web.StaticHandler())

	// "/" matches every URL no other pattern matched: show the 404 page inside the layout, or
	// answer 405 to a known path asked with the wrong method (methods.go).
	mux.Handle("/", notFound(mux, "/", pages.NotFound(render)))
}
