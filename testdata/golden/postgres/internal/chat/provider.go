// A Provider is whatever writes the answers: an OpenAI-compatible API (openai.go) or the demo
// (demo.go). To answer from somewhere else, write a type with a Stream method like theirs.

package chat

import (
	"context"

	"myapp/internal/config"
	"myapp/internal/rag"
)

// The roles of a conversation's messages, as OpenAI-compatible APIs name them.
const (
	RoleSystem    = "system"    // instructions to the LLM, before the conversation
	RoleUser      = "user"      // what the person typed
	RoleAssistant = "assistant" // what the LLM answered
)

// Message is one message of a conversation as the LLM reads it.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Request is what a provider is asked: which LLM answers, and the conversation so far,
// oldest message first and the new question last.
type Request struct {
	LLM      string
	Messages []Message
	// UsesDocuments: the user asked for an answer from their documents, and Passages are what
	// the search found (already in Messages, numbered from 1); none when nothing was relevant.
	// A real LLM reads only Messages; the demo answers from these.
	UsesDocuments bool
	Passages      []rag.Hit
}

// Usage counts the tokens of one answer: those the LLM read (the prompt: instructions,
// history and question) and those it wrote (the completion). Zero means the provider did not
// say; the service then estimates them.
type Usage struct {
	PromptTokens     int64 `json:"prompt_tokens"`
	CompletionTokens int64 `json:"completion_tokens"`
}

// Provider streams an answer to a Request.
type Provider interface {
	// Stream calls onToken with each piece of the answer as it arrives, in order, and returns
	// when the answer is complete, when onToken returns an error, or when ctx is cancelled
	// (the user pressed Stop): then the request to the LLM must end at once.
	Stream(ctx context.Context, req Request, onToken func(text string) error) (Usage, error)
}

// NewProvider returns the provider the configuration asks for: the OpenAI-compatible API at
// LLM_BASE_URL, or the demo when OPENROUTER_API_KEY is not set.
func NewProvider(cfg config.Config) Provider {
	if cfg.LLMAPIKey == "" {
		return NewDemoProvider(demoWordDelay)
	}
	return NewOpenAIProvider(cfg.LLMBaseURL, cfg.LLMAPIKey, cfg.LLMTimeout)
}
