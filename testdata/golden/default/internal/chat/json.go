// The API's JSON: reading a request, and the answers given before a stream starts (a mistake
// in the request, a limit reached), each as {"error": "..."} like the rest of the API.

package chat

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"myapp/internal/web"
)

// readJSON decodes the request body into v, or answers 400 with what to fix and returns
// false (web.ReadJSON).
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	return web.ReadJSON(w, r, maxRequestBody, v)
}

// refuse answers a question that Begin did not accept.
func (h *Handlers) refuse(w http.ResponseWriter, r *http.Request, err error) {
	var limit *LimitError
	switch {
	case errors.As(err, &limit):
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(limit.RetryAfter.Seconds()))))
		web.WriteError(w, http.StatusTooManyRequests, limit.Message)
	case errors.Is(err, ErrNoConversation):
		web.WriteError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, ErrEmptyQuestion), errors.Is(err, ErrQuestionTooLong), errors.Is(err, ErrModelNotAllowed):
		web.WriteError(w, http.StatusBadRequest, err.Error())
	case web.ClientGone(r, err):
		h.logger.Info("client went away", "method", r.Method, "path", r.URL.Path, "error", err)
	default:
		h.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		web.WriteError(w, http.StatusInternalServerError, "something went wrong on our side")
	}
}
