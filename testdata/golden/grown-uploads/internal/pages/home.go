// Package pages holds the handlers of the app's own pages: one file per page or group of
// pages. A new page is a handler here, a template in internal/web/templates/pages and a route.
package pages

import (
	"net/http"

	"myapp/internal/web"
)

// Home shows the home page.
func Home(render *web.Renderer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Page(w, r, http.StatusOK, "home", nil)
	})
}

// NotFound shows the 404 page; routes.go sends every unmatched URL here.
func NotFound(render *web.Renderer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Page(w, r, http.StatusNotFound, "404", nil)
	})
}
