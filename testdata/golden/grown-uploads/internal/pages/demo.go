// The design demo page and the partial its htmx button loads. Use it as a pattern: one
// handler for the full page, one for each piece htmx swaps in.

package pages

import (
	"net/http"
	"time"

	"myapp/internal/web"
)

// Demo shows the design demo page.
func Demo(render *web.Renderer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Page(w, r, http.StatusOK, "demo", nil)
	})
}

// DemoPartial answers the demo page's htmx button with a small piece of HTML showing the
// server's time, proving the HTML really came from the server.
func DemoPartial(render *web.Renderer, now func() time.Time) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Partial(w, r, http.StatusOK, "demo_time", now())
	})
}
