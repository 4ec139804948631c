// Tests for the chat through the whole app (routes, sessions and middleware as in production):
// it needs a login, its API takes a session cookie or an access token, it refuses other sites,
// and the API key never reaches the log or a page.

package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/config"
	"myapp/internal/testutil"
)

const chatAPIKey = "sk-or-v1-very-secret-key"

// chatConfig is the test configuration with the chat talking to a fake OpenAI-compatible API,
// which answers "Hello there." unless the key is wrong or the question says "fail".
func chatConfig(t *testing.T) config.Config {
	t.Helper()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body bytes.Buffer
		body.ReadFrom(r.Body)
		if r.Header.Get("Authorization") != "Bearer "+chatAPIKey || strings.Contains(body.String(), "fail") {
			http.Error(w, `{"error": {"message": "Invalid key `+chatAPIKey+`", "code": 401}}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, `data: {"choices":[{"delta":{"content":"Hello there."},"finish_reason":"stop"}]}`+"\n\n")
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	t.Cleanup(api.Close)
	cfg := testutil.Config(t)
	cfg.LLMBaseURL, cfg.LLMAPIKey = api.URL, chatAPIKey
	return cfg
}

// ask posts a question to /api/chat with the given headers and returns the status and body.
func ask(t *testing.T, c *testutil.Client, question string, header http.Header) (*http.Response, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"message": question})
	return c.Do(http.MethodPost, "/api/chat", "application/json", bytes.NewReader(body), header)
}

func TestChatNeedsALogin(t *testing.T) {
	site, _ := newSite(t, chatConfig(t), testutil.Logger(t))
	if resp, _ := site.Get("/chat"); resp.StatusCode != http.StatusSeeOther ||
		resp.Header.Get("Location") != "/login?next="+url.QueryEscape("/chat") {
		t.Errorf("GET /chat as a visitor: %d to %q, want 303 to the login page", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := site.Get("/")
	if strings.Contains(body, `id="nav-chat"`) {
		t.Error("a visitor's navigation links to the chat")
	}
	for name, header := range map[string]http.Header{
		"no login":         nil,
		"a bad token":      {"Authorization": {"Bearer not-a-token"}},
		"a session forged": {"Cookie": {"session=made-up"}},
	} {
		resp, body := ask(t, site, "Hello?", header)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"error"`) {
			t.Errorf("POST /api/chat with %s: %d %s, want a JSON 401", name, resp.StatusCode, body)
		}
	}
}

func TestChatAPITakesASessionOrAToken(t *testing.T) {
	cfg := chatConfig(t)
	site, _ := newSite(t, cfg, testutil.Logger(t))
	sameSite := http.Header{"Sec-Fetch-Site": {"same-origin"}}

	// A browser: log in, then the page's fetch() sends the session cookie.
	site.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	if _, page := site.Get("/chat"); !strings.Contains(page, `id="chat-form"`) || !strings.Contains(page, `id="nav-chat"`) {
		t.Error("the logged-in user does not get the chat page with its nav link")
	}
	resp, body := ask(t, site, "Hello?", sameSite)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" || !strings.Contains(body, "event: done") {
		t.Errorf("POST /api/chat with a session: %d %s, want the answer's events", resp.StatusCode, body)
	}
	// Another site cannot use the visitor's cookie.
	resp, body = ask(t, site, "Hello?", http.Header{"Sec-Fetch-Site": {"cross-site"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `"error"`) {
		t.Errorf("cross-site POST /api/chat: %d %s, want a JSON 403", resp.StatusCode, body)
	}

	// A program: an access token and no cookie.
	_, tokens := site.PostJSON("/api/auth/token", map[string]string{"email": "ada@example.com", "password": "correct horse battery"}, nil)
	program := testutil.NewClient(t, site.URL)
	program.Header = http.Header{} // a program is no browser: it sends no Sec-Fetch-Site
	resp, body = ask(t, program, "Hello?", http.Header{"Authorization": {"Bearer " + tokens["access_token"].(string)}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"text":"Hello there."`) {
		t.Errorf("POST /api/chat with a token: %d %s, want the answer's events", resp.StatusCode, body)
	}
}

// TestChatLogsAndPagesHoldNoAPIKey chats once well and once with the API refusing (its
// error message quotes the key, as some APIs do), then looks for the key everywhere.
func TestChatLogsAndPagesHoldNoAPIKey(t *testing.T) {
	var logs bytes.Buffer
	site, _ := newSite(t, chatConfig(t), slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	site.PostForm("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse battery"}})
	sameSite := http.Header{"Sec-Fetch-Site": {"same-origin"}}

	_, good := ask(t, site, "Hello?", sameSite)
	resp, failed := ask(t, site, "Please fail", sameSite)
	_, page := site.Get("/chat/" + resp.Header.Get("X-Conversation-Id"))

	if !strings.Contains(failed, "OPENROUTER_API_KEY") || !strings.Contains(logs.String(), "the AI service failed") {
		t.Fatalf("the failing chat did not fail as planned:\n%s\n%s", failed, logs.String())
	}
	for name, text := range map[string]string{"the log": logs.String(), "the events": good + failed, "the page": page} {
		if strings.Contains(text, chatAPIKey) {
			t.Errorf("%s holds the API key:\n%s", name, text)
		}
	}
}
