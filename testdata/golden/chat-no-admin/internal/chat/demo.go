// The demo provider (a mock of a real LLM): without OPENROUTER_API_KEY the chat still works,
// for a classroom or a first look, streaming a canned answer word by word.

package chat

import (
	"context"
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

// DemoProvider streams demoAnswer, whatever the question.
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

// demoAnswerTo is the demo's answer to req: demoAnswer.
func demoAnswerTo(req Request) string {
	return demoAnswer
}
