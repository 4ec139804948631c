// The About page, made by `fastopp add page about`. Its template is
// internal/web/templates/pages/about.html; its route is one line in
// internal/server/routes.go, yours to change (wrap it in accounts.RequireLogin to make it private).

package pages

import (
	"net/http"

	"myapp/internal/web"
)

// AboutPage shows the About page at /about.
func AboutPage(render *web.Renderer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Page(w, r, http.StatusOK, "about", nil)
	})
}
