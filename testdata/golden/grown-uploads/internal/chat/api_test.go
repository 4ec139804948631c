// Tests for POST /api/chat against a fake OpenAI-compatible API: the events, what is saved,
// Stop, the heartbeat and bad requests. Failures of the API are in errors_test.go.

package chat_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"myapp/internal/chat"
)

func TestTokensArriveInOrderThenDone(t *testing.T) {
	api := newFakeAPI(t, answerWith("Hel", "lo, ", "**world**", "\n\n- one\n- two"))
	tc := newTestChat(t, testProvider(api, 5*time.Second))

	resp := tc.post(t.Context(), map[string]any{"message": "  Say hello  "})
	for header, want := range map[string]string{
		"Content-Type":      "text/event-stream",
		"Cache-Control":     "no-cache, no-transform",
		"X-Accel-Buffering": "no",
	} {
		if got := resp.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
	events := readAllEvents(t, resp.Body)

	// Each token event carries only the new text, so the stream grows with the answer.
	var tokens []string
	for _, e := range events[:len(events)-1] {
		tokens = append(tokens, e.data["text"].(string))
	}
	if want := []string{"Hel", "lo, ", "**world**", "\n\n- one\n- two"}; !slices.Equal(tokens, want) {
		t.Errorf("tokens %q, want %q in this order, each once", tokens, want)
	}
	_, done := tokensOf(t, events, "done")
	conversationID := int64(done.data["conversation_id"].(float64))
	if header := parseID(t, resp.Header.Get("X-Conversation-Id")); header != conversationID {
		t.Errorf("X-Conversation-Id = %d, want the done event's %d", header, conversationID)
	}
	html := done.data["html"].(string)
	for _, want := range []string{"<strong>world</strong>", "<li>one</li>"} {
		if !strings.Contains(html, want) {
			t.Errorf("done html %q lacks %q", html, want)
		}
	}
	usage := done.data["usage"].(map[string]any)
	if usage["prompt_tokens"] != 12.0 || usage["completion_tokens"] != 3.0 || usage["total_tokens"] != 15.0 {
		t.Errorf("done usage %v, want the API's 12 + 3 = 15", usage)
	}
	if done.data["title"] != "Say hello" || done.data["model"] != "test/model" || done.data["message_id"] == 0.0 {
		t.Errorf("done %v, want the title, the model and the message id", done.data)
	}

	// The API got the system prompt and the question, asked to stream with usage.
	requests := api.requests()
	if len(requests) != 1 {
		t.Fatalf("the API got %d requests, want 1", len(requests))
	}
	got := requests[0]
	if got.LLM != "test/model" || !got.Stream || !got.StreamOptions.IncludeUsage {
		t.Errorf("request %+v, want the default LLM, stream and include_usage", got)
	}
	if len(got.Messages) != 2 || got.Messages[0].Role != chat.RoleSystem || got.Messages[1] != (chat.Message{chat.RoleUser, "Say hello"}) {
		t.Errorf("messages %+v, want the system prompt and the trimmed question", got.Messages)
	}
}

func TestAnswersAreSavedAndSentAsHistory(t *testing.T) {
	api := newFakeAPI(t, answerWith("Paris."))
	tc := newTestChat(t, testProvider(api, 5*time.Second))

	_, first := tokensOf(t, tc.ask(map[string]any{"message": "Capital of France?"}), "done")
	conversationID := int64(first.data["conversation_id"].(float64))
	_, second := tokensOf(t, tc.ask(map[string]any{"message": "And of Italy?", "conversation_id": conversationID, "model": "test/other"}), "done")
	if second.data["conversation_id"].(float64) != float64(conversationID) {
		t.Errorf("the second answer went to conversation %v, want %d", second.data["conversation_id"], conversationID)
	}

	saved := tc.messages(tc.ada.ID, conversationID)
	if len(saved) != 4 {
		t.Fatalf("saved %d messages, want 4", len(saved))
	}
	for i, want := range []struct{ role, content, model string }{
		{chat.RoleUser, "Capital of France?", ""},
		{chat.RoleAssistant, "Paris.", "test/model"},
		{chat.RoleUser, "And of Italy?", ""},
		{chat.RoleAssistant, "Paris.", "test/other"},
	} {
		m := saved[i]
		if m.Role != want.role || m.Content != want.content || m.Model != want.model || m.Status != chat.StatusComplete {
			t.Errorf("message %d = %s %q by %q (%s), want %s %q by %q, complete", i, m.Role, m.Content, m.Model, m.Status, want.role, want.content, want.model)
		}
	}
	if saved[1].PromptTokens != 12 || saved[1].CompletionTokens != 3 {
		t.Errorf("answer usage %d + %d, want the API's 12 + 3", saved[1].PromptTokens, saved[1].CompletionTokens)
	}

	// The second request carried the first question and answer before the new question.
	history := api.requests()[1].Messages
	want := []chat.Message{
		{chat.RoleSystem, chat.SystemPrompt}, {chat.RoleUser, "Capital of France?"}, {chat.RoleAssistant, "Paris."}, {chat.RoleUser, "And of Italy?"},
	}
	if !slices.Equal(history, want) {
		t.Errorf("second request's messages %+v, want %+v", history, want)
	}
	if model := api.requests()[1].LLM; model != "test/other" {
		t.Errorf("second request's LLM %q, want the one picked, test/other", model)
	}
}

// TestStopCancelsTheUpstreamRequest closes the connection after the first token, as the
// page's Stop button does, and checks that the API's request ends and the part is saved.
func TestStopCancelsTheUpstreamRequest(t *testing.T) {
	upstreamCancelled := make(chan struct{})
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		startStream(w)
		sendChunk(w, "The first words", "")
		<-r.Context().Done() // a slow LLM: nothing more until the request ends
		close(upstreamCancelled)
	})
	tc := newTestChat(t, testProvider(api, time.Minute))

	ctx, stop := context.WithCancel(t.Context())
	resp := tc.post(ctx, map[string]any{"message": "Tell me a long story"})
	reader := newEventReader(resp.Body)
	if first, err := reader.next(); err != nil || first.name != "token" {
		t.Fatalf("first event %v (%v), want a token", first, err)
	}
	stop() // the client goes away

	select {
	case <-upstreamCancelled:
	case <-time.After(10 * time.Second):
		t.Fatal("the API's request was not cancelled within 10s of the client leaving")
	}
	conversationID := parseID(t, resp.Header.Get("X-Conversation-Id"))
	waitFor(t, "the stopped answer to be saved", func() bool { return len(tc.messages(tc.ada.ID, conversationID)) == 2 })
	answer := tc.messages(tc.ada.ID, conversationID)[1]
	if answer.Status != chat.StatusStopped || answer.Content != "The first words" || answer.ErrorMessage != "" {
		t.Errorf("saved %s %q (%q), want the part that arrived, stopped, with no error", answer.Status, answer.Content, answer.ErrorMessage)
	}
	if answer.CompletionTokens == 0 || answer.PromptTokens == 0 {
		t.Errorf("stopped answer counts %d + %d tokens, want estimates: it still used the API", answer.PromptTokens, answer.CompletionTokens)
	}
}

func TestBadRequestsGetAJSONError(t *testing.T) {
	api := newFakeAPI(t, answerWith("Hi."))
	tc := newTestChat(t, testProvider(api, 5*time.Second))
	_, done := tokensOf(t, tc.ask(map[string]any{"message": "Hello"}), "done")
	adasConversation := done.data["conversation_id"].(float64)

	tests := []struct {
		name       string
		body       any
		wantStatus int
		wantError  string
	}{
		{"not JSON", "just text", http.StatusBadRequest, "send JSON"},
		{"an empty message", map[string]any{"message": "   "}, http.StatusBadRequest, "type a message"},
		{"a long message", map[string]any{"message": strings.Repeat("a", chat.MaxQuestionLength+1)}, http.StatusBadRequest, "at most"},
		{"a model not on the list", map[string]any{"message": "Hi", "model": "expensive/model"}, http.StatusBadRequest, "not on the list"},
		{"no such conversation", map[string]any{"message": "Hi", "conversation_id": 999999}, http.StatusNotFound, "no such conversation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := tc.post(t.Context(), tt.body)
			checkJSONError(t, resp, tt.wantStatus, tt.wantError)
		})
	}
	t.Run("someone else's conversation", func(t *testing.T) {
		resp := tc.postAs(t.Context(), tc.bob, map[string]any{"message": "Hi", "conversation_id": adasConversation})
		checkJSONError(t, resp, http.StatusNotFound, "no such conversation")
	})
	if got := len(api.requests()); got != 1 {
		t.Errorf("the API got %d requests, want only the first, good one", got)
	}
}

// checkJSONError checks that resp is a JSON error with status and a message containing want.
func checkJSONError(t *testing.T, resp *http.Response, status int, want string) {
	t.Helper()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status || resp.Header.Get("Content-Type") != "application/json" || !strings.Contains(string(body), want) {
		t.Errorf("got %d %s %s, want a JSON %d mentioning %q", resp.StatusCode, resp.Header.Get("Content-Type"), body, status, want)
	}
}
