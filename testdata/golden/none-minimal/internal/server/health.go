// Health endpoints for load balancers and platforms such as fly.io: /healthz says the process
// is up, /readyz that it can serve requests. Add a check to /readyz for each service the app needs.

package server

import (
	"net/http"

	"myapp/internal/web"
)

// handleHealthz answers {"status":"ok"} while the process runs. It checks nothing else, so a
// slow database never gets a healthy server restarted.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

// handleReadyz answers 200 when the app can serve requests. This app depends on no other
// service yet; when it does (a database, an API), check it here and answer 503 when it is down.
func handleReadyz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}
