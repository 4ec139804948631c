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

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/chat"
	"myapp/internal/models"
	"myapp/internal/pages"
	"myapp/internal/rag"
	"myapp/internal/services"
	"myapp/internal/uploads"
	"myapp/internal/web"
)

// addRoutes registers every route of the app on mux, with the handler that answers it.
func addRoutes(mux *http.ServeMux, render *web.Renderer, deps Deps, files *uploads.Files, policy uploads.Policy, accounts *auth.Handlers, site *admin.Handlers, chats *chat.Handlers) {
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

	// The webinar demo, after a login: each handler checks the user's permission on the
	// registrants (superusers, and the groups marketing and sales: internal/pages/webinars.go).
	webinars := pages.NewWebinars(render, deps.DB, statements, files, policy, deps.Accounts)
	mux.Handle("GET /demo/webinars", accounts.RequireLogin(http.HandlerFunc(webinars.List)))
	mux.Handle("GET /demo/webinars/{id}/registrants", accounts.RequireLogin(http.HandlerFunc(webinars.Registrants)))
	mux.Handle("GET /demo/registrants/{id}", accounts.RequireLogin(http.HandlerFunc(webinars.Registrant)))
	mux.Handle("POST /demo/registrants/{id}/photo", accounts.RequireLogin(http.HandlerFunc(webinars.SavePhoto)))
	mux.Handle("GET /demo/registrants/{id}/notes", accounts.RequireLogin(http.HandlerFunc(webinars.Notes)))
	mux.Handle("GET /demo/registrants/{id}/notes/edit", accounts.RequireLogin(http.HandlerFunc(webinars.NotesForm)))
	mux.Handle("POST /demo/registrants/{id}/notes", accounts.RequireLogin(http.HandlerFunc(webinars.SaveNotes)))
	mux.Handle("POST /demo/registrants/{id}/delete", accounts.RequireLogin(http.HandlerFunc(webinars.Delete)))

	// Logging in and out, and pages that need a login: wrap a handler in
	// accounts.RequireLogin to make its page private.
	mux.HandleFunc("GET /login", accounts.LoginForm)
	mux.HandleFunc("POST /login", accounts.Login)
	mux.HandleFunc("POST /logout", accounts.Logout)
	mux.Handle("GET /account", accounts.RequireLogin(http.HandlerFunc(accounts.Account)))
	mux.Handle("GET /account/password", accounts.RequireLogin(http.HandlerFunc(accounts.PasswordForm)))
	mux.Handle("POST /account/password", accounts.RequireLogin(http.HandlerFunc(accounts.ChangePassword)))
	if accounts.EmergencyAccessEnabled() {
		mux.HandleFunc("GET /emergency-access", accounts.EmergencyForm)
		mux.HandleFunc("POST /emergency-access", accounts.UseEmergency)
	}

	// The JSON API, for clients that log in with tokens instead of cookies: wrap a handler in
	// accounts.RequireUser to require an access token.
	mux.HandleFunc("POST /api/auth/token", accounts.Token)
	mux.HandleFunc("POST /api/auth/refresh", accounts.Refresh)
	mux.Handle("GET /api/me", accounts.RequireUser(http.HandlerFunc(accounts.Me)))
	mux.Handle("/api/", notFound(mux, "/api/", http.HandlerFunc(web.APINotFound)))

	// The AI chat. The page needs a login; the streaming API takes the page's session cookie
	// or an access token, so other programs can chat too.
	mux.Handle("GET /chat", accounts.RequireLogin(http.HandlerFunc(chats.Page)))
	mux.Handle("GET /chat/{id}", accounts.RequireLogin(http.HandlerFunc(chats.Page)))
	mux.Handle("POST /api/chat", accounts.RequireUserOrSession(http.HandlerFunc(chats.Send)))

	// Documents for search and the chat: the pages need a login; the API, like the chat's,
	// takes the page's session cookie or an access token.
	docs := rag.NewHandlers(deps.Documents, render, deps.Logger)
	mux.Handle("GET /documents", accounts.RequireLogin(http.HandlerFunc(docs.List)))
	mux.Handle("POST /documents", accounts.RequireLogin(http.HandlerFunc(docs.Add)))
	mux.Handle("GET /documents/list", accounts.RequireLogin(http.HandlerFunc(docs.ListPartial)))
	mux.Handle("GET /documents/{id}", accounts.RequireLogin(http.HandlerFunc(docs.Show)))
	mux.Handle("POST /documents/{id}/share", accounts.RequireLogin(http.HandlerFunc(docs.Share)))
	mux.Handle("POST /documents/{id}/delete", accounts.RequireLogin(http.HandlerFunc(docs.Delete)))
	mux.Handle("GET /api/documents", accounts.RequireUserOrSession(http.HandlerFunc(docs.APIList)))
	mux.Handle("POST /api/documents", accounts.RequireUserOrSession(http.HandlerFunc(docs.APIAdd)))
	mux.Handle("GET /api/documents/{id}", accounts.RequireUserOrSession(http.HandlerFunc(docs.APIGet)))
	mux.Handle("DELETE /api/documents/{id}", accounts.RequireUserOrSession(http.HandlerFunc(docs.APIDelete)))

	// Search in the user's own and the shared documents: the page needs a login; the API takes
	// the session cookie or an access token, like the chat's.
	mux.Handle("GET /search", accounts.RequireLogin(http.HandlerFunc(docs.Search)))
	mux.Handle("GET /api/search", accounts.RequireUserOrSession(http.HandlerFunc(docs.APISearch)))

	// The admin, for staff: each handler checks the user's permission on the table in the URL.
	mux.Handle("GET /admin", accounts.RequireLogin(http.HandlerFunc(site.Dashboard)))
	mux.Handle("GET /admin/audit", accounts.RequireLogin(http.HandlerFunc(site.Audit)))
	mux.Handle("GET /admin/{table}", accounts.RequireLogin(http.HandlerFunc(site.List)))
	mux.Handle("GET /admin/{table}/export.csv", accounts.RequireLogin(http.HandlerFunc(site.ExportCSV)))
	mux.Handle("GET /admin/{table}/lookup", accounts.RequireLogin(http.HandlerFunc(site.Lookup)))
	mux.Handle("GET /admin/{table}/new", accounts.RequireLogin(http.HandlerFunc(site.New)))
	mux.Handle("POST /admin/{table}/new", accounts.RequireLogin(http.HandlerFunc(site.Create)))
	mux.Handle("POST /admin/{table}/bulk", accounts.RequireLogin(http.HandlerFunc(site.Bulk)))
	mux.Handle("GET /admin/{table}/{id}", accounts.RequireLogin(http.HandlerFunc(site.Edit)))
	mux.Handle("POST /admin/{table}/{id}", accounts.RequireLogin(http.HandlerFunc(site.Update)))
	mux.Handle("GET /admin/{table}/{id}/delete", accounts.RequireLogin(http.HandlerFunc(site.DeleteConfirm)))
	mux.Handle("POST /admin/{table}/{id}/delete", accounts.RequireLogin(http.HandlerFunc(site.Delete)))
	mux.Handle("GET /admin/groups/{id}/permissions", accounts.RequireLogin(http.HandlerFunc(site.Permissions)))
	mux.Handle("POST /admin/groups/{id}/permissions", accounts.RequireLogin(http.HandlerFunc(site.SavePermissions)))
	mux.Handle("GET /admin/users/{id}/groups", accounts.RequireLogin(http.HandlerFunc(site.Groups)))
	mux.Handle("POST /admin/users/{id}/groups", accounts.RequireLogin(http.HandlerFunc(site.SaveGroups)))

	// Uploaded files: those of a table with public pages to anyone (files.MakePublic, which
	// `fastopp add model --pages` writes below), the others to whoever may view its rows.
	// The registrants' photos also to whoever may see the registrants (the webinar demo).
	mux.Handle("GET /uploads/{key}", files.Serve(webinars.CanDownload(site.CanDownload)))

	books := pages.NewBooks(render, services.NewBookService(statements))
	mux.HandleFunc("GET /books", books.List)
	mux.HandleFunc("GET /books/{id}", books.Show)

	categories := pages.NewCategories(render, services.NewCategoryService(statements), files)
	files.MakePublic("categories") // public pages show these files, so anyone may download them
	mux.HandleFunc("GET /categories", categories.List)
	mux.HandleFunc("GET /categories/{id}", categories.Show)

	mux.Handle("GET /about", pages.AboutPage(render))

	mux.Handle("GET /contact-us", pages.ContactPage(render))

	// fastopp add puts the routes of new pages and models above this line.

	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(deps.DB))
	mux.Handle("GET /static/", web.StaticHandler())

	// "/" matches every URL no other pattern matched: show the 404 page inside the layout, or
	// answer 405 to a known path asked with the wrong method (methods.go).
	mux.Handle("/", notFound(mux, "/", pages.NotFound(render)))
}
