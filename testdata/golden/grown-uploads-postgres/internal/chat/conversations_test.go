// Tests for the service through the API, on the real database (SQLite, or PostgreSQL when
// TEST_DATABASE_URL is set): conversations belong to their user, and the per-user limits.

package chat_test

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"myapp/internal/chat"
	"myapp/internal/config"
)

func TestConversationsBelongToTheirUser(t *testing.T) {
	tc := newTestChat(t, chat.NewDemoProvider(0))
	ask := func(user chatUser, question string) int64 {
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
	if _, _, err := tc.service.Conversation(t.Context(), tc.bob.ID, first); !errors.Is(err, chat.ErrNoConversation) {
		t.Errorf("Bob opening Ada's conversation: %v, want ErrNoConversation", err)
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
