// Tests for the service's own rules, without HTTP: titles and the history's token budget.
// What a user sees through the API and the pages is in package chat_test (conversations_test.go).

package chat

import (
	"slices"
	"strings"
	"testing"

	"myapp/internal/models"
)

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
