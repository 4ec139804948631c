// Telling a failure of the server from a request that simply ended: a client that went away,
// or an answer already on its way. ServerError (web.go) and WriteServerError (respond.go) use
// them before they answer 500.

package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
)

// ClientGone reports whether err comes from the request's client leaving (a closed tab, a
// dropped connection): net/http then cancels the request's context, and every database call
// made with it fails with context.Canceled. That is no fault of the server, and there is no
// one left to show an error page to.
func ClientGone(req *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) && req.Context().Err() != nil
}

// logFailure logs err, the reason request r failed, and reports whether anyone is left to
// answer: an error for a failure of the server, only an info line for a client that went away.
func logFailure(logger *slog.Logger, r *http.Request, err error) bool {
	if ClientGone(r, err) {
		logger.Info("client went away", "method", r.Method, "path", r.URL.Path, "error", err)
		return false
	}
	logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	return true
}

// responseStarted reports whether the answer on w has begun, as far as a wrapper around it
// can tell (the server's statusRecorder has a Started method). It looks through each wrapper
// that offers Unwrap, as http.ResponseController does.
func responseStarted(w http.ResponseWriter) bool {
	for {
		if s, ok := w.(interface{ Started() bool }); ok {
			return s.Started()
		}
		inner, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return false
		}
		w = inner.Unwrap()
	}
}
