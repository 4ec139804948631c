// The chat page: the user's conversations, the open one's messages, and the form whose
// script streams answers from POST /api/chat (see templates/pages/chat.html).

package chat

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"

	"myapp/internal/models"
	"myapp/internal/web"
)

// pageView is what chat.html shows.
type pageView struct {
	Conversations []models.ChatConversation
	Current       models.ChatConversation // ID 0 on a new conversation
	Messages      []messageView
	LLMs          []string // the LLMs a user may pick, the default first
	DemoMode      bool
	Documents     bool // the chat can answer from the user's documents: show the toggle
}

// messageView is one saved message. A question is shown as text; an answer as HTML rendered
// from its Markdown and sanitised.
type messageView struct {
	models.ChatMessage
	HTML    template.HTML
	Sources []Source // the passages of documents an answer cites, listed under it
}

// Page answers GET /chat (a new conversation) and GET /chat/{id} (an earlier one).
func (h *Handlers) Page(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	user := web.CurrentUser(ctx)
	view := pageView{LLMs: h.service.LLMs(), DemoMode: h.service.InDemoMode(), Documents: h.service.SearchesDocuments()}
	var err error
	if view.Conversations, err = h.service.Conversations(ctx, user.ID); err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	if r.PathValue("id") != "" {
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64) // not a number: 0, which no conversation has
		var messages []models.ChatMessage
		view.Current, messages, err = h.service.Conversation(ctx, user.ID, id)
		if errors.Is(err, ErrNoConversation) {
			h.render.Page(w, r, http.StatusNotFound, "404", nil)
			return
		}
		if err != nil {
			h.render.ServerError(w, r, err)
			return
		}
		if view.Messages, err = h.messageViews(messages); err != nil {
			h.render.ServerError(w, r, err)
			return
		}
	}
	h.render.Page(w, r, http.StatusOK, "chat", view)
}

// messageViews renders each answer's Markdown and reads its sources.
func (h *Handlers) messageViews(messages []models.ChatMessage) ([]messageView, error) {
	views := make([]messageView, len(messages))
	for i, m := range messages {
		views[i].ChatMessage = m
		if m.Role != RoleAssistant {
			continue
		}
		html, err := h.markdown.Render(m.Content)
		if err != nil {
			return nil, err
		}
		views[i].HTML = html
		if views[i].Sources, err = parseSources(m.Sources); err != nil {
			return nil, err
		}
	}
	return views, nil
}
