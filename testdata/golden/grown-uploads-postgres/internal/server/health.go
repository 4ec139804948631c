// Health endpoints for load balancers and platforms such as fly.io: /healthz says the process
// is up, /readyz that it can serve requests. Add a check to /readyz for each service the app needs.

package server

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"myapp/internal/web"
)

// handleHealthz answers {"status":"ok"} while the process runs. It checks nothing else, so a
// slow database never gets a healthy server restarted.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

// handleReadyz answers 200 when the database answers a ping and 503 when it does not.
// The answer never includes the database URL: it may hold a password.
func handleReadyz(db *sql.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := db.PingContext(ctx); err != nil {
			web.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "unreachable"})
			return
		}
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": "ok"})
	})
}
