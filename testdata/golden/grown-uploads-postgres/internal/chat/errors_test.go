// Tests for failures of the AI service: each becomes an error event with a message a user can
// act on, the answer is saved as failed, and only a busy or broken API is asked again.

package chat_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"myapp/internal/chat"
)

// failWith is an API handler that answers with an HTTP error in the API's JSON format.
func failWith(status int, message string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error": {"message": %q, "code": %d}}`, message, status)
	}
}

func TestAPIFailuresBecomeReadableErrors(t *testing.T) {
	tests := []struct {
		name         string
		answer       http.HandlerFunc
		timeout      time.Duration // how long the API may stay silent; 5s when zero
		wantCode     string
		wantMessage  string
		wantAttempts int    // requests the API gets: 3 when the failure is retried
		wantSaved    string // the part of the answer saved before the failure
	}{
		{name: "a refused key", answer: failWith(401, "No auth credentials found"),
			wantCode: "unauthorized", wantMessage: "check OPENROUTER_API_KEY", wantAttempts: 1},
		{name: "no credit left", answer: failWith(402, "Insufficient credits"),
			wantCode: "payment_required", wantMessage: "no credit left", wantAttempts: 1},
		{name: "too many requests", answer: failWith(429, "Rate limit exceeded"),
			wantCode: "rate_limited", wantMessage: "wait a minute", wantAttempts: 3},
		{name: "a broken API", answer: failWith(500, "Internal error"),
			wantCode: "unavailable", wantMessage: "HTTP 500", wantAttempts: 3},
		{name: "a proxy's error page", wantCode: "unavailable", wantMessage: "HTTP 502", wantAttempts: 3,
			answer: func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "<html>Bad Gateway</html>", http.StatusBadGateway)
			}},
		{name: "an unknown model", answer: failWith(404, "No endpoints found for test/model"),
			wantCode: "not_found", wantMessage: "check OPENROUTER_LLM_MODEL", wantAttempts: 1},
		{name: "a refused request", answer: failWith(400, "messages must not be empty"),
			wantCode: "rejected", wantMessage: "HTTP 400): messages must not be empty", wantAttempts: 1},
		{name: "a malformed stream", wantCode: "malformed", wantMessage: "could not be read", wantAttempts: 1,
			answer: func(w http.ResponseWriter, r *http.Request) {
				startStream(w)
				fmt.Fprint(w, "data: {\"choices\": [{\"delta\": \n\n")
			}},
		{name: "an error in the middle of the stream", wantCode: "unavailable", wantMessage: "HTTP 502", wantAttempts: 1, wantSaved: "Half an ",
			answer: func(w http.ResponseWriter, r *http.Request) {
				startStream(w)
				sendChunk(w, "Half an ", "")
				fmt.Fprint(w, `data: {"error": {"message": "Provider returned error", "code": 502}}`+"\n\n")
			}},
		{name: "a stream cut off", wantCode: "incomplete", wantMessage: "stopped in the middle", wantAttempts: 1, wantSaved: "Once upon",
			answer: func(w http.ResponseWriter, r *http.Request) {
				startStream(w)
				sendChunk(w, "Once upon", "")
			}},
		{name: "a silent API", timeout: 50 * time.Millisecond, wantCode: "timeout", wantMessage: "did not answer for 50ms", wantAttempts: 1,
			answer: func(w http.ResponseWriter, r *http.Request) {
				startStream(w)
				<-r.Context().Done()
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.answer)
			timeout := tt.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			tc := newTestChat(t, testProvider(api, timeout))

			resp := tc.post(t.Context(), map[string]any{"message": "Hello?"})
			text, failure := tokensOf(t, readAllEvents(t, resp.Body), "error")
			if failure.data["code"] != tt.wantCode || !strings.Contains(failure.data["message"].(string), tt.wantMessage) {
				t.Errorf("error event %v, want code %q and a message with %q", failure.data, tt.wantCode, tt.wantMessage)
			}
			if text != tt.wantSaved {
				t.Errorf("tokens before the error %q, want %q", text, tt.wantSaved)
			}
			if got := len(api.requests()); got != tt.wantAttempts {
				t.Errorf("the API got %d requests, want %d", got, tt.wantAttempts)
			}
			saved := tc.messages(tc.ada.ID, parseID(t, resp.Header.Get("X-Conversation-Id")))
			answer := saved[len(saved)-1]
			if answer.Role != chat.RoleAssistant || answer.Status != chat.StatusFailed || answer.Content != tt.wantSaved || answer.ErrorMessage != failure.data["message"] {
				t.Errorf("saved %s %s %q (%q), want the failed answer with the error's message", answer.Role, answer.Status, answer.Content, answer.ErrorMessage)
			}
		})
	}
}

func TestAnUnreachableAPI(t *testing.T) {
	api := newFakeAPI(t, answerWith("never"))
	api.server.Close() // nothing listens at its address any more
	tc := newTestChat(t, testProvider(api, 5*time.Second))

	_, failure := tokensOf(t, tc.ask(map[string]any{"message": "Anyone there?"}), "error")
	if failure.data["code"] != "unreachable" || !strings.Contains(failure.data["message"].(string), "check LLM_BASE_URL") {
		t.Errorf("error event %v, want unreachable, naming LLM_BASE_URL", failure.data)
	}
}

// TestRetriesBeforeTheFirstToken: the API fails twice with 503, then answers.
func TestRetriesBeforeTheFirstToken(t *testing.T) {
	var attempts atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if attempts.Add(1) <= 2 {
			failWith(http.StatusServiceUnavailable, "overloaded")(w, r)
			return
		}
		answerWith("Third time lucky.")(w, r)
	})
	tc := newTestChat(t, testProvider(api, 5*time.Second))

	text, _ := tokensOf(t, tc.ask(map[string]any{"message": "Hello?"}), "done")
	if text != "Third time lucky." || attempts.Load() != 3 {
		t.Errorf("answer %q after %d attempts, want the third attempt's answer", text, attempts.Load())
	}
}
