// The Contact us page, made by `fastopp add page contact`. Its template is
// internal/web/templates/pages/contact.html; its route is one line in
// internal/server/routes.go, yours to change (wrap it in accounts.RequireLogin to make it private).

package pages

import (
	"net/http"

	"myapp/internal/web"
)

// ContactPage shows the Contact us page at /contact-us.
func ContactPage(render *web.Renderer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Page(w, r, http.StatusOK, "contact", nil)
	})
}
