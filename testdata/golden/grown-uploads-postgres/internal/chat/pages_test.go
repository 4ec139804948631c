// Tests for the chat page and the demo mode: what the page shows, and that nobody sees
// another user's conversation.

package chat_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"myapp/internal/chat"
)

func TestDemoModeStreamsTheCannedAnswer(t *testing.T) {
	tc := newTestChat(t, chat.NewDemoProvider(0))

	text, done := tokensOf(t, tc.ask(map[string]any{"message": "Hello?"}), "done")
	if text != chat.DemoAnswer {
		t.Errorf("the demo streamed %q, want demoAnswer", text)
	}
	if done.data["model"] != chat.DemoLLM || !strings.Contains(done.data["html"].(string), "<table>") {
		t.Errorf("done %v, want the demo LLM and the answer's table as HTML", done.data)
	}
	usage := done.data["usage"].(map[string]any)
	if usage["prompt_tokens"].(float64) == 0 || usage["completion_tokens"].(float64) == 0 {
		t.Errorf("usage %v, want estimates: the demo counts against the limits like an LLM", usage)
	}

	status, page := tc.get("/chat")
	if status != http.StatusOK || !strings.Contains(page, `id="chat-demo-mode"`) || strings.Contains(page, `id="chat-model-info"`) {
		t.Errorf("GET /chat: status %d, want 200 and the demo mode notice instead of an LLM", status)
	}
	if strings.Contains(page, "chat-model-select") {
		t.Error("the demo page offers LLMs to pick")
	}
}

func TestTheDemoStopsWhenAsked(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tokens := 0
	_, err := chat.NewDemoProvider(time.Millisecond).Stream(ctx, chat.Request{}, func(string) error {
		if tokens++; tokens == 3 {
			cancel() // as when the user presses Stop
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || tokens != 3 {
		t.Errorf("after Stop: %v and %d tokens, want context.Canceled after the 3rd", err, tokens)
	}
}

func TestChatPageShowsTheConversation(t *testing.T) {
	api := newFakeAPI(t, answerWith("**Bold** claim <script>alert(1)</script>"))
	tc := newTestChat(t, testProvider(api, 5*time.Second))
	resp := tc.post(t.Context(), map[string]any{"message": "Is <b>this</b> safe?"})
	tokensOf(t, readAllEvents(t, resp.Body), "done")
	id := resp.Header.Get("X-Conversation-Id")

	status, page := tc.get("/chat/" + id)
	if status != http.StatusOK {
		t.Fatalf("GET /chat/%s: status %d, want 200", id, status)
	}
	for _, want := range []string{
		`Answers come from <code>test/model</code>`,   // the LLM that answers
		`<option value="test/other">`,                 // and the one a user may pick
		`href="/chat/` + id + `" class="menu-active"`, // the conversation, in the list
		`Is &lt;b&gt;this&lt;/b&gt; safe?`,            // the question, as text
		`<strong>Bold</strong> claim`,                 // the answer, as HTML
		`data-conversation-id="` + id + `"`,           // for the script's next question
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "alert(1)</script>") {
		t.Error("the answer's script reached the page")
	}

	// A new conversation: the list, no messages.
	if status, page := tc.get("/chat"); status != http.StatusOK || !strings.Contains(page, `data-conversation-id="0"`) ||
		!strings.Contains(page, "Is &lt;b&gt;this&lt;/b&gt; safe?") {
		t.Errorf("GET /chat: status %d, want a new conversation with the earlier one listed", status)
	}
}

func TestAStoppedAnswerIsMarked(t *testing.T) {
	tc := newTestChat(t, chat.NewDemoProvider(0))
	turn, err := tc.service.Begin(t.Context(), tc.ada.ID, 0, "Tell me everything", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tc.service.Finish(t.Context(), turn, chat.Answer{Text: "Well, first", Status: chat.StatusStopped}); err != nil {
		t.Fatal(err)
	}
	_, page := tc.get("/chat/" + strconv.FormatInt(turn.Conversation.ID, 10))
	if !strings.Contains(page, `data-status="stopped"`) || !strings.Contains(page, "Well, first") {
		t.Error("the page does not show the stopped answer as stopped")
	}
}

func TestOnlyYourOwnConversations(t *testing.T) {
	tc := newTestChat(t, chat.NewDemoProvider(0))
	turn, err := tc.service.Begin(t.Context(), tc.bob.ID, 0, "Bob's secret question", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/chat/" + strconv.FormatInt(turn.Conversation.ID, 10), "/chat/999999", "/chat/not-a-number"} {
		status, page := tc.get(path) // as Ada
		if status != http.StatusNotFound || strings.Contains(page, "secret") {
			t.Errorf("GET %s as Ada: status %d, want 404 without Bob's question", path, status)
		}
	}
}
