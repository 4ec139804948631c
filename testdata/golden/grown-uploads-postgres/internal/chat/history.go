// What the LLM reads with each question: instructions, then as many earlier messages as the
// token budget allows. LLMs remember nothing between requests; this is their memory.

package chat

import (
	"strings"
	"unicode/utf8"

	"myapp/internal/models"
)

// systemPrompt comes first in every request. Change it to give the assistant another character.
const systemPrompt = "You are a helpful assistant in a web app. Answer clearly and briefly. " +
	"Use Markdown: lists, tables and fenced code blocks with a language."

// titleLength is the longest conversation title, in characters.
const titleLength = 60

// history builds the messages for a new question: the system prompt, the newest earlier
// messages whose estimated tokens fit in budget (the oldest are left out first), and the
// question. newestFirst comes from the RecentMessages query. Failed answers and empty ones
// are skipped: they tell the LLM nothing.
func history(newestFirst []models.ChatMessage, question string, budget int) []Message {
	var earlier []Message
	spent := 0
	for _, m := range newestFirst {
		if m.Content == "" || m.Status == StatusFailed {
			continue
		}
		spent += int(estimateTokens(m.Content))
		if spent > budget {
			break
		}
		earlier = append(earlier, Message{Role: m.Role, Content: m.Content})
	}
	messages := []Message{{Role: RoleSystem, Content: systemPrompt}}
	for i := len(earlier) - 1; i >= 0; i-- { // back to oldest first
		messages = append(messages, earlier[i])
	}
	return append(messages, Message{Role: RoleUser, Content: question})
}

// estimateTokens guesses how many tokens a text is: about four characters each in English.
// Each LLM counts its own way; this is close enough for budgets and limits.
func estimateTokens(text string) int64 {
	return int64(utf8.RuneCountInString(text)+3) / 4
}

// titleFrom makes a conversation's title from its first question: the first line, with runs
// of spaces made one, cut at a word to at most titleLength characters.
func titleFrom(question string) string {
	firstLine, _, _ := strings.Cut(question, "\n")
	title := strings.Join(strings.Fields(firstLine), " ")
	if utf8.RuneCountInString(title) <= titleLength {
		return title
	}
	cut := string([]rune(title)[:titleLength-1])
	if space := strings.LastIndex(cut, " "); space > titleLength/2 {
		cut = cut[:space]
	}
	return cut + "…"
}
