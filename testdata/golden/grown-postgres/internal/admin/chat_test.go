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

	"myapp/internal/models"
	"myapp/internal/testutil"
)

func TestChatIsShownReadOnly(t *testing.T) {
	db := testutil.NewDB(t)
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
	b := serveModels(t, db)

	status, list := b.get("/admin/chat_conversations")
	if status != http.StatusOK || !strings.Contains(list, "Capital of France?") || !strings.Contains(list, "ada@example.com") ||
		!strings.Contains(list, `id="admin-read-only"`) {
		t.Errorf("conversations: status %d, want the conversation with its user, read-only\n%s", status, list)
	}
	status, messages := b.get("/admin/chat_messages?q=Paris")
	for _, want := range []string{"Paris, of course.", "test/model", "1234", "56", "Capital of France?"} {
		if status != http.StatusOK || !strings.Contains(messages, want) {
			t.Errorf("messages: status %d, want %q in the list", status, want)
		}
	}

	edit := fmt.Sprintf("/admin/chat_messages/%d", answer.ID)
	for _, write := range []struct{ method, path string }{
		{http.MethodGet, "/admin/chat_messages/new"},
		{http.MethodPost, edit},
		{http.MethodPost, edit + "/delete"},
		{http.MethodPost, fmt.Sprintf("/admin/chat_conversations/%d/delete", conversation.ID)},
	} {
		var status int
		if write.method == http.MethodGet {
			status, _ = b.get(write.path)
		} else {
			status, _ = b.post(write.path, url.Values{"content": {"rewritten"}})
		}
		if status != http.StatusForbidden {
			t.Errorf("%s %s: status %d, want 403", write.method, write.path, status)
		}
	}
	if saved, err := queries.ListMessages(ctx, conversation.ID); err != nil || len(saved) != 1 || saved[0].Content != "Paris, of course." {
		t.Errorf("after the refused writes the messages are %+v (%v), want the answer unchanged", saved, err)
	}
}
