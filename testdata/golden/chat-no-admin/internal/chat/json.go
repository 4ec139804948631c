// The API's JSON: reading a request, and the answers given before a stream starts (a mistake
// in the request, a limit reached), each as {"error": "..."} like the rest of the API.

package chat

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strconv"
)

// readJSON decodes the request body into v, or answers 400 and returns false. The body is
// read to its end: only then does the server notice at once when the client goes away.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, `send JSON such as {"message": "Hello"}: `+err.Error())
		return false
	}
	return true
}

// refuse answers a question that Begin did not accept.
func (h *Handlers) refuse(w http.ResponseWriter, r *http.Request, err error) {
	var limit *LimitError
	switch {
	case errors.As(err, &limit):
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(limit.RetryAfter.Seconds()))))
		writeError(w, http.StatusTooManyRequests, limit.Message)
	case errors.Is(err, ErrNoConversation):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, ErrEmptyQuestion), errors.Is(err, ErrQuestionTooLong), errors.Is(err, ErrModelNotAllowed):
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		h.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		writeError(w, http.StatusInternalServerError, "something went wrong on our side")
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers {"error": message}.
func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}
