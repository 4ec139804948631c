// The Contact us page, made by `fastopp add page contact`. Its template is
// internal/web/templates/pages/contact.html; its route is in
// internal/server/routes_generated.go.

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
