// The demo provider (a mock of a real LLM): without OPENROUTER_API_KEY the chat still works,
// for a classroom or a first look, streaming a canned answer word by word.

package chat

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// DemoLLM is the LLM name the demo answers as.
const DemoLLM = "demo"

// demoWordDelay paces the demo like a real LLM, so the streaming is visible.
const demoWordDelay = 40 * time.Millisecond

// demoAnswer shows what the page renders: emphasis, a list, a table, code and a link.
const demoAnswer = "**This is demo mode**: no `OPENROUTER_API_KEY` is set, so this canned answer " +
	"stands in for a real AI model.\n\n" +
	"To talk to one:\n\n" +
	"1. Get a free key at [openrouter.ai](https://openrouter.ai/keys).\n" +
	"2. Put it in `.env` as `OPENROUTER_API_KEY=...`.\n" +
	"3. Restart with `go run . serve`.\n\n" +
	"| Setting | Default |\n| --- | --- |\n" +
	"| `OPENROUTER_LLM_MODEL` | `meta-llama/llama-3.3-70b-instruct:free` |\n" +
	"| `LLM_BASE_URL` | `https://openrouter.ai/api/v1` |\n\n" +
	"```go\nfmt.Println(\"Hello from the demo\")\n```\n"

// demoNothingFound is the demo's answer when a search of the user's documents found nothing.
const demoNothingFound = "**Demo mode**: I found nothing about this in your documents. " +
	"Try other words, or add a document on the [documents page](/documents)."

// demoQuoteWords is how much of each passage the demo quotes.
const demoQuoteWords = 30

// DemoProvider streams demoAnswer, whatever the question; asked to use
// documents, it quotes the passages found instead, citing each as a real LLM would.
type DemoProvider struct {
	wordDelay time.Duration // the pause before each word
}

// NewDemoProvider returns a demo that pauses wordDelay before each word (0 in tests).
func NewDemoProvider(wordDelay time.Duration) *DemoProvider {
	return &DemoProvider{wordDelay: wordDelay}
}

// Stream sends its answer one word at a time, each with the spaces and newlines after it,
// and stops as soon as ctx is cancelled, like a real provider.
func (p *DemoProvider) Stream(ctx context.Context, req Request, onToken func(text string) error) (Usage, error) {
	timer := time.NewTimer(p.wordDelay)
	defer timer.Stop()
	for word := range strings.SplitAfterSeq(demoAnswerTo(req), " ") {
		timer.Reset(p.wordDelay)
		select {
		case <-ctx.Done():
			return Usage{}, ctx.Err()
		case <-timer.C:
		}
		if err := onToken(word); err != nil {
			return Usage{}, err
		}
	}
	return Usage{}, nil // the service estimates the tokens
}

// demoAnswerTo is the demo's answer to req: demoAnswer, or one from the passages of documents it carries.
func demoAnswerTo(req Request) string {
	if !req.UsesDocuments {
		return demoAnswer
	}
	if len(req.Passages) == 0 {
		return demoNothingFound
	}
	var b strings.Builder
	b.WriteString("**Demo mode**: no AI model reads your documents here, so here is the start of " +
		"each passage the search found for your question:\n\n")
	for i, p := range req.Passages {
		words := strings.Fields(p.Text)
		if len(words) > demoQuoteWords {
			words = append(words[:demoQuoteWords], "…")
		}
		fmt.Fprintf(&b, "- %s [%d]\n", strings.Join(words, " "), i+1)
	}
	return b.String()
}
