// Tests for the chat in the admin: conversations and messages, with the tokens each answer
// used, are listed and searched, and nobody can change them there.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/models"
)

func TestChatIsShownReadOnly(t *testing.T) {
	s := newSite(t)
	db := s.db
	queries, ctx, now := models.New(db), t.Context(), time.Now().UTC()
	user, err := queries.CreateUser(ctx, models.CreateUserParams{Email: "ada@example.com", PasswordHash: "!", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	conversation, err := queries.CreateConversation(ctx, models.CreateConversationParams{UserID: user.ID, Title: "Capital of France?", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	answer, err := queries.CreateMessage(ctx, models.CreateMessageParams{ConversationID: conversation.ID, UserID: user.ID,
		Role: "assistant", Content: "Paris, of course.", Status: "complete", Model: "test/model",
		PromptTokens: 1234, CompletionTokens: 56, CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	b := s.user("super@example.com", auth.RoleSuperuser)

	resp, list := b.Get("/admin/chat_conversations")
	if resp.StatusCode != http.StatusOK || !strings.Contains(list, "Capital of France?") || !strings.Contains(list, "ada@example.com") ||
		!strings.Contains(list, `id="admin-read-only"`) {
		t.Errorf("conversations: status %d, want the conversation with its user, read-only\n%s", resp.StatusCode, list)
	}
	resp, messages := b.Get("/admin/chat_messages?q=Paris")
	for _, want := range []string{"Paris, of course.", "test/model", "1234", "56", "Capital of France?"} {
		if resp.StatusCode != http.StatusOK || !strings.Contains(messages, want) {
			t.Errorf("messages: status %d, want %q in the list", resp.StatusCode, want)
		}
	}

	edit := fmt.Sprintf("/admin/chat_messages/%d", answer.ID)
	for _, write := range []struct{ method, path string }{
		{http.MethodGet, "/admin/chat_messages/new"},
		{http.MethodPost, edit},
		{http.MethodPost, edit + "/delete"},
		{http.MethodPost, fmt.Sprintf("/admin/chat_conversations/%d/delete", conversation.ID)},
	} {
		var resp *http.Response
		if write.method == http.MethodGet {
			resp, _ = b.Get(write.path)
		} else {
			resp, _ = b.PostForm(write.path, url.Values{"content": {"rewritten"}})
		}
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s: status %d, want 403", write.method, write.path, resp.StatusCode)
		}
	}
	if saved, err := queries.ListMessages(ctx, conversation.ID); err != nil || len(saved) != 1 || saved[0].Content != "Paris, of course." {
		t.Errorf("after the refused writes the messages are %+v (%v), want the answer unchanged", saved, err)
	}
}
