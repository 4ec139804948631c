// Tests for the service: conversations belong to their user, titles, the history's token
// budget, and the per-user limits, on the real database (SQLite, or PostgreSQL when
// TEST_DATABASE_URL is set).

package chat

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"myapp/internal/config"
	"myapp/internal/models"
)

func TestConversationsBelongToTheirUser(t *testing.T) {
	tc := newTestChat(t, NewDemoProvider(0))
	ask := func(user models.User, question string) int64 {
		resp := tc.postAs(t.Context(), user, map[string]any{"message": question})
		tokensOf(t, readAllEvents(t, resp.Body), "done")
		return parseID(t, resp.Header.Get("X-Conversation-Id"))
	}
	first := ask(tc.ada, "First question")
	tc.clock.Advance(time.Second)
	second := ask(tc.ada, "Second question")
	bobs := ask(tc.bob, "Bob's question")

	conversations, err := tc.service.Conversations(t.Context(), tc.ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, c := range conversations {
		titles = append(titles, c.Title)
	}
	if want := []string{"Second question", "First question"}; !slices.Equal(titles, want) {
		t.Errorf("Ada's conversations %q, want %q: hers only, newest first", titles, want)
	}
	if first == second || second == bobs {
		t.Errorf("conversation ids %d, %d, %d: each question without an id starts a new one", first, second, bobs)
	}
	if _, _, err := tc.service.Conversation(t.Context(), tc.bob.ID, first); !errors.Is(err, ErrNoConversation) {
		t.Errorf("Bob opening Ada's conversation: %v, want ErrNoConversation", err)
	}
}

func TestTitleFrom(t *testing.T) {
	tests := []struct{ question, want string }{
		{"What is Go?", "What is Go?"},
		{"  Many   spaces\tand tabs  ", "Many spaces and tabs"},
		{"First line\nsecond line", "First line"},
		{strings.Repeat("word ", 20), "word word word word word word word word word word word…"},
		{strings.Repeat("x", 100), strings.Repeat("x", titleLength-1) + "…"},
		{strings.Repeat("é", 100), strings.Repeat("é", titleLength-1) + "…"},
	}
	for _, tt := range tests {
		if got := titleFrom(tt.question); got != tt.want {
			t.Errorf("titleFrom(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

func TestHistoryKeepsTheNewestMessagesWithinTheBudget(t *testing.T) {
	message := func(role, content, status string) models.ChatMessage {
		return models.ChatMessage{Role: role, Content: content, Status: status}
	}
	// 40 characters are about 10 tokens.
	long := strings.Repeat("abcd", 10)
	newestFirst := []models.ChatMessage{
		message(RoleAssistant, "", StatusStopped),            // stopped before a word: skipped
		message(RoleAssistant, "It broke", StatusFailed),     // failed: skipped
		message(RoleUser, "newest "+long, StatusComplete),    // 12 tokens
		message(RoleAssistant, "older "+long, StatusStopped), // 12 tokens: a stopped part counts
		message(RoleUser, "oldest "+long, StatusComplete),    // 12 tokens: over a budget of 30
		message(RoleAssistant, "ancient", StatusComplete),    // after the first that does not fit: left out too
	}
	got := history(newestFirst, "the question", 30)
	want := []Message{
		{Role: RoleSystem, Content: systemPrompt},
		{Role: RoleAssistant, Content: "older " + long},
		{Role: RoleUser, Content: "newest " + long},
		{Role: RoleUser, Content: "the question"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("history = %+v, want %+v", got, want)
	}
	if got := history(newestFirst, "the question", 0); len(got) != 2 {
		t.Errorf("with no budget, history = %+v, want only the system prompt and the question", got)
	}
}

func TestRequestsPerMinuteLimit(t *testing.T) {
	api := newFakeAPI(t, answerWith("OK."))
	tc := newTestChat(t, testProvider(api, 5*time.Second), func(cfg *config.Config) {
		cfg.ChatRequestsPerMinute, cfg.ChatTokensPerDay = 2, 0
	})
	tc.ask(map[string]any{"message": "one"})
	tc.ask(map[string]any{"message": "two"})
	resp := tc.post(t.Context(), map[string]any{"message": "three"})
	checkJSONError(t, resp, http.StatusTooManyRequests, "wait a minute")
	if resp.Header.Get("Retry-After") != "60" {
		t.Errorf("Retry-After = %q, want 60 seconds", resp.Header.Get("Retry-After"))
	}
	// The limit is Ada's: Bob may still ask.
	resp = tc.postAs(t.Context(), tc.bob, map[string]any{"message": "Bob's"})
	if resp.StatusCode != http.StatusOK {
		t.Errorf("Bob's question: status %d, want 200", resp.StatusCode)
	}
	io.Copy(io.Discard, resp.Body) // the whole answer, so Bob's request has reached the API

	tc.clock.Advance(time.Minute)
	tc.ask(map[string]any{"message": "four, a minute later"})
	if got := len(api.requests()); got != 4 {
		t.Errorf("the API got %d requests, want 4: the refused one never reached it", got)
	}
}

func TestTokensPerDayLimit(t *testing.T) {
	api := newFakeAPI(t, answerWith("OK.")) // each answer uses 12 + 3 tokens
	tc := newTestChat(t, testProvider(api, 5*time.Second), func(cfg *config.Config) {
		cfg.ChatRequestsPerMinute, cfg.ChatTokensPerDay = 0, 20
	})
	tc.ask(map[string]any{"message": "one"}) // 15 tokens used: under 20
	tc.ask(map[string]any{"message": "two"}) // 30 used
	resp := tc.post(t.Context(), map[string]any{"message": "three"})
	checkJSONError(t, resp, http.StatusTooManyRequests, "midnight UTC")
	if resp.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After header")
	}

	tc.clock.Advance(24 * time.Hour)
	tc.ask(map[string]any{"message": "a new day"})
}
