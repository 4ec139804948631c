// The answers the chat API gives before a stream starts (a mistake in the request, a limit
// reached), each as {"error": "..."} like the rest of the API (internal/web/respond.go).

package chat

import (
	"errors"
	"net/http"

	"myapp/internal/web"
)

// refuse answers a question that Begin did not accept.
func (h *Handlers) refuse(w http.ResponseWriter, r *http.Request, err error) {
	var limit *LimitError
	switch {
	case errors.As(err, &limit):
		web.SetRetryAfter(w, limit.RetryAfter)
		web.WriteError(w, http.StatusTooManyRequests, limit.Message)
	case errors.Is(err, ErrNoConversation):
		web.WriteError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, ErrEmptyQuestion), errors.Is(err, ErrQuestionTooLong), errors.Is(err, ErrLLMNotAllowed),
		errors.Is(err, ErrNoDocumentSearch):
		web.WriteError(w, http.StatusBadRequest, err.Error())
	default:
		web.WriteServerError(w, r, h.logger, err)
	}
}
