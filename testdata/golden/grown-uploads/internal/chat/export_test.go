// What the tests of package chat_test may reach inside chat. Those tests (the HTTP ones, which
// go through the whole app with server.New) are outside the package, so they see only exported
// names; Go compiles this file, in package chat, for the tests alone, so the app never has them.

package chat

import "time"

// The names below stand for the unexported ones of the same meaning.
const (
	SystemPrompt       = systemPrompt
	MaxQuestionLength  = maxQuestionLength
	DemoAnswer         = demoAnswer
	DocumentsPrompt    = documentsPrompt
	NothingFoundPrompt = nothingFoundPrompt
	DemoNothingFound   = demoNothingFound
)

// SetClock makes s read the time from now: a test moves it instead of waiting.
func SetClock(s *Service, now func() time.Time) { s.now = now }

// SetRetryDelay makes p wait delay before it asks a busy API again, instead of half a second.
func SetRetryDelay(p *OpenAIProvider, delay time.Duration) { p.retryDelay = delay }
