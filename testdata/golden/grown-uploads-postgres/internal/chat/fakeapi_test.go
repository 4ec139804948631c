// A fake OpenAI-compatible API for the tests and benchmarks: an httptest server that checks
// the key, records each request and streams chunks the way OpenRouter does, with a comment
// line first, a usage chunk and "data: [DONE]" last.

package chat_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"myapp/internal/chat"
)

// testAPIKey is the key the fake API expects.
const testAPIKey = "sk-or-test-key"

// upstreamRequest is what the fake API received: the JSON body of a chat completion request.
type upstreamRequest struct {
	LLM           string `json:"model"`
	Stream        bool   `json:"stream"`
	StreamOptions struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
	Messages []chat.Message `json:"messages"`
}

// fakeAPI is an OpenAI-compatible chat completions API. Each test gives it a handler, which
// answers after the fake has checked the key and recorded the request.
type fakeAPI struct {
	server *httptest.Server
	mu     sync.Mutex
	seen   []upstreamRequest
}

func newFakeAPI(t testing.TB, answer http.HandlerFunc) *fakeAPI {
	t.Helper()
	api := &fakeAPI{}
	api.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer "+testAPIKey {
			http.Error(w, `{"error": {"message": "wrong path or key", "code": 401}}`, http.StatusUnauthorized)
			return
		}
		var req upstreamRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		api.mu.Lock()
		api.seen = append(api.seen, req)
		api.mu.Unlock()
		answer(w, r)
	}))
	t.Cleanup(api.server.Close)
	return api
}

// url is the base URL to give a provider, like https://openrouter.ai/api/v1.
func (api *fakeAPI) url() string {
	return api.server.URL + "/api/v1"
}

// requests returns what the API received so far.
func (api *fakeAPI) requests() []upstreamRequest {
	api.mu.Lock()
	defer api.mu.Unlock()
	return append([]upstreamRequest(nil), api.seen...)
}

// startStream sends the headers of an event stream and OpenRouter's first comment line.
func startStream(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/event-stream")
	fmt.Fprint(w, ": OPENROUTER PROCESSING\n\n")
	w.(http.Flusher).Flush()
}

// sendChunk streams one chunk: a piece of text, or a finish reason (then text is empty).
func sendChunk(w http.ResponseWriter, text, finishReason string) {
	choice := map[string]any{"index": 0, "delta": map[string]string{"role": "assistant", "content": text}, "finish_reason": nil}
	if finishReason != "" {
		choice["finish_reason"] = finishReason
	}
	chunk, _ := json.Marshal(map[string]any{
		"id": "gen-1", "object": "chat.completion.chunk", "created": 1, "model": "test/model", "choices": []any{choice},
	})
	fmt.Fprintf(w, "data: %s\n\n", chunk)
	w.(http.Flusher).Flush()
}

// finishStream ends an answer as the real API does: a finish reason, the usage, then [DONE].
func finishStream(w http.ResponseWriter, promptTokens, completionTokens int) {
	sendChunk(w, "", "stop")
	fmt.Fprintf(w, `data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"test/model","choices":[],`+
		`"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}`+"\n\n",
		promptTokens, completionTokens, promptTokens+completionTokens)
	fmt.Fprint(w, "data: [DONE]\n\n")
	w.(http.Flusher).Flush()
}

// answerWith is an API handler that streams tokens, then 12 prompt and 3 completion tokens of usage.
func answerWith(tokens ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		startStream(w)
		for _, token := range tokens {
			sendChunk(w, token, "")
		}
		finishStream(w, 12, 3)
	}
}

// testProvider returns a provider for api that retries after 1ms instead of half a second.
func testProvider(api *fakeAPI, timeout time.Duration) *chat.OpenAIProvider {
	p := chat.NewOpenAIProvider(api.url(), testAPIKey, timeout)
	chat.SetRetryDelay(p, time.Millisecond)
	return p
}
