// The provider for OpenAI-compatible APIs: OpenRouter (the default), OpenAI, Groq, a local
// Ollama... They all take the same JSON request and, with "stream": true, send the answer back
// as server-sent events, one small JSON chunk per piece of text, then "data: [DONE]".

package chat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	sse "github.com/tmaxmax/go-sse"
)

// Retries: a busy or broken API is asked again, after 0.5s and then 1s, but only before the
// first token: once the user has seen part of an answer, a second answer cannot replace it.
const (
	defaultMaxRetries = 2
	defaultRetryDelay = 500 * time.Millisecond
)

// errSilent ends a request when the API sent nothing for too long (see Stream).
var errSilent = errors.New("the AI service went silent")

// The API's JSON, as much of it as the chat needs. The whole format is described at
// https://platform.openai.com/docs/api-reference/chat/create.
type (
	completionRequest struct {
		LLM           string        `json:"model"`
		Messages      []Message     `json:"messages"`
		Stream        bool          `json:"stream"`
		StreamOptions streamOptions `json:"stream_options"`
	}
	streamOptions struct {
		IncludeUsage bool `json:"include_usage"` // ask for a last chunk with the token counts
	}
	completionChunk struct {
		Choices []struct {
			Delta struct {
				Content string `json:"content"`
			} `json:"delta"`
			FinishReason string `json:"finish_reason"` // set on the last chunk of the text
		} `json:"choices"`
		Usage *struct {
			PromptTokens     int64 `json:"prompt_tokens"`
			CompletionTokens int64 `json:"completion_tokens"`
		} `json:"usage"`
		Error *apiError `json:"error"` // OpenRouter reports a failure after the start this way
	}
)

// OpenAIProvider streams answers from an OpenAI-compatible chat completions API.
type OpenAIProvider struct {
	endpoint   string // such as https://openrouter.ai/api/v1/chat/completions
	apiKey     string
	client     *http.Client
	timeout    time.Duration // how long the API may stay silent
	maxRetries int
	retryDelay time.Duration // before the first retry; it doubles for each next one
}

// NewOpenAIProvider returns a provider for the API at baseURL (such as
// https://openrouter.ai/api/v1) that gives up when the API is silent for timeout.
func NewOpenAIProvider(baseURL, apiKey string, timeout time.Duration) *OpenAIProvider {
	// Every chat talks to the same host: keep more than Go's default two idle connections to
	// it, so that a new question rarely waits for a new TLS handshake. There is no overall
	// timeout: an answer may stream for minutes. The silence timeout guards instead.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 100
	return &OpenAIProvider{
		endpoint:   strings.TrimSuffix(baseURL, "/") + "/chat/completions",
		apiKey:     apiKey,
		client:     &http.Client{Transport: transport},
		timeout:    timeout,
		maxRetries: defaultMaxRetries,
		retryDelay: defaultRetryDelay,
	}
}

// Stream sends req with "stream": true and passes each piece of text to onToken as it
// arrives. Failures come back as a *ProviderError that says what went wrong in plain words.
func (p *OpenAIProvider) Stream(ctx context.Context, req Request, onToken func(text string) error) (Usage, error) {
	// A watchdog cancels the request when nothing arrives for p.timeout: before the first
	// chunk (the LLM may be queued) or between two. Each event restarts it.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watchdog := time.AfterFunc(p.timeout, func() { cancel(errSilent) })
	defer watchdog.Stop()

	response, err := p.send(ctx, req)
	if err != nil {
		return Usage{}, p.explain(ctx, err)
	}
	defer response.Body.Close() // closing the body ends the request, also when ctx is cancelled

	var usage Usage
	finished := false // an answer that ends without a finish_reason was cut off
	// sse.Read parses the stream into events, skipping comment lines such as OpenRouter's
	// ": OPENROUTER PROCESSING".
	for event, err := range sse.Read(response.Body, nil) {
		if err != nil {
			return usage, p.explain(ctx, &ProviderError{Code: "incomplete", Err: err,
				Message: "The connection to the AI service broke in the middle of the answer: try again."})
		}
		watchdog.Reset(p.timeout)
		if event.Data == "[DONE]" {
			break
		}
		var chunk completionChunk
		if err := json.Unmarshal([]byte(event.Data), &chunk); err != nil {
			return usage, &ProviderError{Code: "malformed", Err: err,
				Message: "The AI service sent an answer that could not be read: try again, or pick another AI model."}
		}
		if chunk.Error != nil {
			chunk.Error.Message = withoutKey(chunk.Error.Message, p.apiKey)
			return usage, chunk.Error.problem(0)
		}
		if chunk.Usage != nil { // the last chunk, asked for with include_usage
			usage = Usage{PromptTokens: chunk.Usage.PromptTokens, CompletionTokens: chunk.Usage.CompletionTokens}
		}
		for _, choice := range chunk.Choices {
			if choice.Delta.Content != "" {
				if err := onToken(choice.Delta.Content); err != nil {
					return usage, err
				}
			}
			finished = finished || choice.FinishReason != ""
		}
	}
	if !finished {
		return usage, p.explain(ctx, &ProviderError{Code: "incomplete",
			Message: "The AI service stopped in the middle of its answer: try again."})
	}
	return usage, nil
}

// send posts the request, and posts it again when the API is busy, broken or unreachable.
func (p *OpenAIProvider) send(ctx context.Context, req Request) (*http.Response, error) {
	body, err := json.Marshal(completionRequest{LLM: req.LLM, Messages: req.Messages, Stream: true,
		StreamOptions: streamOptions{IncludeUsage: true}})
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		response, err := p.post(ctx, body)
		var problem *ProviderError
		if err == nil || attempt == p.maxRetries || !errors.As(err, &problem) || !problem.temporary() {
			return response, err
		}
		select {
		case <-time.After(p.retryDelay << attempt):
		case <-ctx.Done():
			return nil, err
		}
	}
}

// post makes one request. Only a 200 answer starts a stream; any other is a *ProviderError.
func (p *OpenAIProvider) post(ctx context.Context, body []byte) (*http.Response, error) {
	request, err := http.NewRequestWithContext(ctx, http.MethodPost, p.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	request.Header.Set("Content-Type", "application/json")
	request.Header.Set("Accept", "text/event-stream")
	request.Header.Set("Authorization", "Bearer "+p.apiKey)
	response, err := p.client.Do(request)
	if err != nil {
		return nil, &ProviderError{Code: "unreachable", Err: err,
			Message: "The AI service could not be reached: check LLM_BASE_URL and the network."}
	}
	if response.StatusCode != http.StatusOK {
		defer response.Body.Close()
		return nil, failureOf(response, p.apiKey)
	}
	return response, nil
}

// explain returns what the user is told about err. When the user stopped the answer (ctx was
// cancelled) that is no failure: ctx's error is returned as it is.
func (p *OpenAIProvider) explain(ctx context.Context, err error) error {
	if context.Cause(ctx) == errSilent {
		return &ProviderError{Code: "timeout", Err: err,
			Message: "The AI service did not answer for " + p.timeout.String() + ": try again, or pick another AI model."}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
