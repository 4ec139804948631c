// The design demo (/demo): one page of small examples, each a pattern to copy, and the
// partials its htmx buttons load. One handler shows the full page; each piece htmx swaps in
// has its own handler answering with a partial (internal/web/templates/partials/demo_*.html).

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

// DemoSlow answers like DemoPartial after waiting delay, as a slow query would: long enough
// to see the page's loading indicator. It stops waiting when the request's context ends
// (the visitor left, or htmx dropped the request for a newer one), so an abandoned request
// holds nothing on the server. A real handler passes r.Context() to its queries for the
// same reason.
func DemoSlow(render *web.Renderer, now func() time.Time, delay time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		timer := time.NewTimer(delay)
		defer timer.Stop()
		select {
		case <-timer.C:
			render.Partial(w, r, http.StatusOK, "demo_slow", now())
		case <-r.Context().Done():
			// Nobody is waiting for the answer: write nothing.
		}
	})
}
