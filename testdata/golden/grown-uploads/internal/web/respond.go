// Every answer that is not a page, in one place: JSON for the API and the health checks, plain
// text for a refused form, the 500 an API client sees, and when to try again (Retry-After).
// A handler that needs a new kind of answer gets its helper here, so every handler shares it.

package web

import (
	"encoding/json"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// WriteJSON answers with v as JSON: the answers of the API and of the health checks.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// WriteError answers {"error": message}, the shape of every error the API gives.
func WriteError(w http.ResponseWriter, status int, message string) {
	WriteJSON(w, status, map[string]string{"error": message})
}

// APINotFound answers any /api/ URL that no route matches, in JSON rather than with the
// HTML 404 page: an API client reads every answer as JSON.
func APINotFound(w http.ResponseWriter, r *http.Request) {
	WriteError(w, http.StatusNotFound, "no API endpoint at "+r.URL.Path)
}

// WriteServerError logs err and answers the API's 500, {"error": "something went wrong on our
// side"}: the details stay in the log. A client that went away gets no answer, and only an
// info line in the log (ClientGone). Pages use Renderer.ServerError, which shows the 500 page.
func WriteServerError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	if logFailure(logger, r, err) {
		WriteError(w, http.StatusInternalServerError, "something went wrong on our side")
	}
}

// WriteTextError answers "Bad Request: message" (the status's name, then message) in plain
// text: a refused form or URL outside the API, where there is no page to show it on.
func WriteTextError(w http.ResponseWriter, status int, message string) {
	http.Error(w, http.StatusText(status)+": "+message, status)
}

// Refuse answers a request the app will not serve with status and message: in JSON under
// /api/, like every other API answer, and in plain text elsewhere.
func Refuse(w http.ResponseWriter, r *http.Request, status int, message string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		WriteError(w, status, message)
		return
	}
	WriteTextError(w, status, message)
}

// SetRetryAfter tells the client, in the Retry-After header, how many whole seconds to wait
// before it tries again (rounded up: a client that waits exactly that long is let in). Set it
// before the answer of a 429 Too Many Requests.
func SetRetryAfter(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
}
