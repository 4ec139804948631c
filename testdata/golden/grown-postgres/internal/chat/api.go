// POST /api/chat: the streaming API that the chat page calls, and other programs may too.
//
//	POST /api/chat   (with the session cookie, or Authorization: Bearer ACCESS_TOKEN)
//	{"message": "Hello", "conversation_id": 12, "model": "...", "use_documents": true}
//	(all but "message" are optional)
//
// A bad request (400), an unknown conversation (404) or a limit reached (429, with Retry-After)
// gets JSON {"error": "..."}. Otherwise the answer streams as server-sent events, and the
// header X-Conversation-Id names the conversation:
//
//	event: sources data: [{"n": 1, "document_id", "chunk_id", "title", "link"}]
//	                                      with "use_documents" only, first: the passages of the
//	                                      user's documents the answer may cite as [1], [2]...;
//	                                      [] when nothing relevant was found (the answer says so)
//	event: token  data: {"text": "Hel"}   the next piece of the answer, in order, each once
//	event: done   data: {"message_id", "conversation_id", "title", "model", "html", "usage"}
//	event: error  data: {"code": "rate_limited", "message": "The AI service is busy..."}
//
// Comment lines (": keep-alive") keep proxies from closing the connection during long pauses.
// Closing the connection stops the answer: the part that arrived is saved, marked stopped.

package chat

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"myapp/internal/models"
	"myapp/internal/web"
)

// heartbeatInterval is how long a stream may stay silent before a keep-alive comment.
const heartbeatInterval = 15 * time.Second

// maxRequestBody is the largest request body read: a long question, in JSON.
const maxRequestBody = 64 << 10

// Handlers answers the chat page and the chat API.
type Handlers struct {
	service   *Service
	render    *web.Renderer
	markdown  *Markdown
	logger    *slog.Logger
	heartbeat time.Duration
}

// NewHandlers returns the chat's handlers.
func NewHandlers(service *Service, render *web.Renderer, logger *slog.Logger) *Handlers {
	return &Handlers{service: service, render: render, markdown: NewMarkdown(), logger: logger, heartbeat: heartbeatInterval}
}

// sendRequest is the body of POST /api/chat. Without a conversation_id a new conversation
// starts; without "model" (an LLM's name) the default LLM answers.
type sendRequest struct {
	Message        string `json:"message"`
	ConversationID int64  `json:"conversation_id"`
	LLM            string `json:"model"`
	// UseDocuments: search the user's documents first and answer from what is found (documents.go).
	UseDocuments bool `json:"use_documents"`
}

// The data of each event.
type (
	tokenEvent struct {
		Text string `json:"text"` // the next piece of the answer, sent once
	}
	doneEvent struct {
		MessageID      int64         `json:"message_id"`
		ConversationID int64         `json:"conversation_id"`
		Title          string        `json:"title"` // the conversation's
		LLM            string        `json:"model"` // the LLM that answered
		HTML           template.HTML `json:"html"`  // the whole answer as sanitised HTML
		Usage          usageView     `json:"usage"`
	}
	usageView struct {
		PromptTokens     int64 `json:"prompt_tokens"`
		CompletionTokens int64 `json:"completion_tokens"`
		TotalTokens      int64 `json:"total_tokens"`
	}
	errorEvent struct {
		Code    string `json:"code"`    // for programs, such as "rate_limited"
		Message string `json:"message"` // for people
	}
)

// Send answers POST /api/chat {"message": "...", "conversation_id": 12, "model": "..."}. A
// mistake in the request gets a JSON error before any event; the new conversation's id is in
// the X-Conversation-Id header. Closing the connection stops the answer: what had arrived is
// saved, marked stopped.
func (h *Handlers) Send(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	if user == nil { // routes.go guards this route; this only makes sure
		web.WriteError(w, http.StatusUnauthorized, "log in first")
		return
	}
	var body sendRequest
	if !web.ReadJSON(w, r, maxRequestBody, &body) {
		return
	}
	if body.UseDocuments && !h.service.SearchesDocuments() {
		h.refuse(w, r, ErrNoDocumentSearch)
		return
	}
	turn, err := h.service.Begin(r.Context(), user.ID, body.ConversationID, body.Message, body.LLM)
	if err != nil {
		h.refuse(w, r, err)
		return
	}
	w.Header().Set("X-Conversation-Id", strconv.FormatInt(turn.Conversation.ID, 10))
	stream, err := startEventStream(w)
	if err != nil {
		h.logger.Warn("chat: the stream could not start", "error", err)
	}
	var answer Answer
	if body.UseDocuments {
		answer = h.addDocuments(r.Context(), stream, &turn)
	}
	if answer.Err == nil {
		answer = h.relay(r.Context(), stream, turn)
	}

	// The request's context ends when the client leaves (Stop), but its answer must still be
	// saved: that happens under a context of its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
	defer cancel()
	saved, err := h.service.Finish(ctx, turn, answer)
	switch {
	case err != nil:
		h.logger.Error("chat: save the answer", "conversation", turn.Conversation.ID, "error", err)
		stream.send("error", errorEvent{Code: "server_error", Message: "The answer could not be saved: try again."})
	case answer.Status == StatusStopped:
		// Nobody is listening any more.
	case answer.Err != nil:
		stream.send("error", errorEvent{Code: answer.Err.Code, Message: answer.Err.Message})
	default:
		stream.send("done", h.doneData(turn, saved))
	}
}

// addDocuments searches the user's documents for the question and sends what it found as the
// sources event, before the first token. When the search fails, the answer it returns has
// failed, with a message for the user; otherwise it is empty, and the LLM answers.
func (h *Handlers) addDocuments(ctx context.Context, stream *eventStream, turn *Turn) Answer {
	if err := h.service.AddDocuments(ctx, turn); err != nil {
		h.logger.Error("chat: search the documents", "conversation", turn.Conversation.ID, "error", err)
		return Answer{Status: StatusFailed, Err: &ProviderError{Code: "search_failed",
			Message: "Your documents could not be searched: try again, or ask without them."}}
	}
	stream.send("sources", turn.Sources)
	return Answer{}
}

// relay passes each token from the provider to the client as it arrives, and a heartbeat
// when the provider is silent. It returns when the answer is complete, failed, or stopped:
// the client went away, which cancels ctx and with it the provider's request.
func (h *Handlers) relay(ctx context.Context, stream *eventStream, turn Turn) Answer {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The provider runs in its own goroutine and hands tokens over; only this one writes
	// to the response, so writes never interleave.
	type outcome struct {
		usage Usage
		err   error
	}
	tokens := make(chan string)
	finished := make(chan outcome, 1)
	go func() {
		usage, err := h.service.provider.Stream(ctx, turn.Request, func(text string) error {
			select {
			case tokens <- text:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		finished <- outcome{usage, err}
	}()

	var text []byte
	silence := time.NewTimer(h.heartbeat)
	defer silence.Stop()
	for {
		select {
		case token := <-tokens:
			text = append(text, token...)
			if err := stream.send("token", tokenEvent{Text: token}); err != nil {
				cancel() // the client is gone: stop the provider
			}
			silence.Reset(h.heartbeat)
		case <-silence.C:
			if err := stream.heartbeat(); err != nil {
				cancel()
			}
			silence.Reset(h.heartbeat)
		case done := <-finished:
			answer := Answer{Text: string(text), Usage: done.usage}
			switch {
			case ctx.Err() != nil: // the client left: that is a stop, not a failure
				answer.Status = StatusStopped
			case done.err != nil:
				answer.Status, answer.Err = StatusFailed, h.failure(done.err)
			default:
				answer.Status = StatusComplete
			}
			return answer
		}
	}
}

// failure logs a provider's failure and returns it as a *ProviderError, whose message the
// user may see. Any other error is ours: its details stay in the log.
func (h *Handlers) failure(err error) *ProviderError {
	var problem *ProviderError
	if errors.As(err, &problem) {
		h.logger.Warn("chat: the AI service failed", "code", problem.Code, "error", problem.Err)
		return problem
	}
	h.logger.Error("chat: the answer failed", "error", err)
	return &ProviderError{Code: "server_error", Message: "Something went wrong on our side: try again."}
}

// doneData is the data of the last event of an answer: the saved message, rendered.
func (h *Handlers) doneData(turn Turn, saved models.ChatMessage) doneEvent {
	html, err := h.markdown.Render(saved.Content)
	if err != nil {
		h.logger.Error("chat: render an answer", "message", saved.ID, "error", err)
	}
	return doneEvent{
		MessageID: saved.ID, ConversationID: turn.Conversation.ID, Title: turn.Conversation.Title,
		LLM: saved.Model, HTML: html,
		Usage: usageView{PromptTokens: saved.PromptTokens, CompletionTokens: saved.CompletionTokens,
			TotalTokens: saved.PromptTokens + saved.CompletionTokens},
	}
}
