// Middleware: code that runs around every request (logging, panic recovery, caching, security headers).
// A middleware is a function that takes the next http.Handler and returns one that wraps it.

package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"myapp/internal/web"
)

// logRequests logs one line per request: method, path, status and how long it took.
// The query string is left out because it can carry tokens or personal data.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		recorder := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(recorder, r)
		attrs := []any{
			"method", r.Method,
			"path", r.URL.Path,
			"status", recorder.status,
			"duration", time.Since(start).Round(time.Microsecond),
		}
		if r.Context().Err() != nil {
			// The client closed the connection before the answer was done (a closed tab, the
			// end of a load test): worth knowing, but not a failure of the server.
			attrs = append(attrs, "client_gone", true)
		}
		logger.Info("request", attrs...)
	})
}

// recoverPanics turns a panic in a handler into the 500 page and a log entry with the stack
// trace, instead of a dropped connection.
func recoverPanics(render *web.Renderer, logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		recorder := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			value := recover()
			if value == nil {
				return
			}
			if value == http.ErrAbortHandler { // a deliberate abort: let net/http handle it
				panic(value)
			}
			logger.Error("panic in handler", "panic", value, "stack", string(debug.Stack()))
			if recorder.wroteHeader {
				return // part of the answer is already sent; it is too late for an error page
			}
			render.ServerError(w, r, fmt.Errorf("panic: %v", value))
		}()
		next.ServeHTTP(recorder, r)
	})
}

// noStoreWhenPrivate tells browsers and proxies to keep no copy of an answer to a request that
// carries a cookie (the session of someone logged in) or an access token: such pages hold a
// person's own data, which a shared cache, or the back button after logging out, would show
// to the next person. A handler may still set its own Cache-Control. Static files are the
// same for everyone, so they stay cacheable.
func noStoreWhenPrivate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		private := r.Header.Get("Cookie") != "" || r.Header.Get("Authorization") != ""
		if private && !strings.HasPrefix(r.URL.Path, "/static/") {
			w.Header().Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets headers that tell browsers to be careful with our pages. In production
// it also tells them to use only HTTPS for a year (browsers ignore this header over plain HTTP).
func securityHeaders(production bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")                  // trust our Content-Type, never guess
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin") // other sites see only our domain
		h.Set("X-Frame-Options", "DENY")                            // no other site may show us in a frame
		if production {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status code a handler sent, for logRequests and recoverPanics,
// and tells web.Renderer.ServerError (through Started) when it is too late for an error page.
type statusRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

// WriteHeader sends the status once. A second status cannot change the answer, which has
// started, so it is dropped here rather than passed on for net/http to complain about.
func (rec *statusRecorder) WriteHeader(status int) {
	if rec.wroteHeader {
		return
	}
	if status >= 200 { // 1xx statuses (103 Early Hints) come before the real one
		rec.status, rec.wroteHeader = status, true
	}
	rec.ResponseWriter.WriteHeader(status)
}

// Started reports whether the answer has begun: its status, at least, is sent.
func (rec *statusRecorder) Started() bool {
	return rec.wroteHeader
}

func (rec *statusRecorder) Write(b []byte) (int, error) {
	rec.wroteHeader = true
	return rec.ResponseWriter.Write(b)
}

// Unwrap lets http.NewResponseController reach the real ResponseWriter, so streaming
// (Flush) still works through this wrapper.
func (rec *statusRecorder) Unwrap() http.ResponseWriter {
	return rec.ResponseWriter
}
