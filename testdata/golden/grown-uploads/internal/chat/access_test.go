// Tests for who may chat, through the whole app (routes, sessions and middleware as in
// production): the page needs a login, the API takes a session cookie or an access token and
// refuses other sites, and the API key never reaches the log or a page.

package chat_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"myapp/internal/testutil"
)

// askAs posts a question to /api/chat from c, with header on top of c's, and returns the
// answer: its events, or a JSON error.
func askAs(t *testing.T, c *testutil.Client, question string, header http.Header) (*http.Response, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"message": question})
	return c.Do(http.MethodPost, "/api/chat", "application/json", bytes.NewReader(body), header)
}

// helloAPI is the fake API answering "Hello there.", or, when the question says "fail",
// refusing the key with an error message that quotes it, as some APIs do.
func helloAPI(t *testing.T) *fakeAPI {
	t.Helper()
	var api *fakeAPI
	api = newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		seen := api.requests()
		messages := seen[len(seen)-1].Messages
		if strings.Contains(messages[len(messages)-1].Content, "fail") {
			failWith(http.StatusUnauthorized, "Invalid key "+testAPIKey)(w, r)
			return
		}
		answerWith("Hello there.")(w, r)
	})
	return api
}

func TestChatNeedsALogin(t *testing.T) {
	tc := newTestChat(t, testProvider(helloAPI(t), 5*time.Second))
	visitor := testutil.NewClient(t, tc.url)
	if resp, _ := visitor.Get("/chat"); resp.StatusCode != http.StatusSeeOther ||
		resp.Header.Get("Location") != "/login?next="+url.QueryEscape("/chat") {
		t.Errorf("GET /chat as a visitor: %d to %q, want 303 to the login page", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := visitor.Get("/"); strings.Contains(body, `id="nav-chat"`) {
		t.Error("a visitor's navigation links to the chat")
	}
	for name, header := range map[string]http.Header{
		"no login":         nil,
		"a bad token":      {"Authorization": {"Bearer not-a-token"}},
		"a session forged": {"Cookie": {"session=made-up"}},
	} {
		resp, body := askAs(t, visitor, "Hello?", header)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"error"`) {
			t.Errorf("POST /api/chat with %s: %d %s, want a JSON 401", name, resp.StatusCode, body)
		}
	}
}

func TestChatAPITakesASessionOrAToken(t *testing.T) {
	tc := newTestChat(t, testProvider(helloAPI(t), 5*time.Second))

	// A browser: log in, then the page's fetch() sends the session cookie.
	browser := testutil.NewClient(t, tc.url)
	browser.Login(tc.ada.Email, testPassword)
	if _, page := browser.Get("/chat"); !strings.Contains(page, `id="chat-form"`) || !strings.Contains(page, `id="nav-chat"`) {
		t.Error("the logged-in user does not get the chat page with its nav link")
	}
	resp, body := askAs(t, browser, "Hello?", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" || !strings.Contains(body, "event: done") {
		t.Errorf("POST /api/chat with a session: %d %s, want the answer's events", resp.StatusCode, body)
	}
	// Another site cannot use the visitor's cookie.
	resp, body = askAs(t, browser, "Hello?", http.Header{"Sec-Fetch-Site": {"cross-site"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `"error"`) {
		t.Errorf("cross-site POST /api/chat: %d %s, want a JSON 403", resp.StatusCode, body)
	}

	// A program: an access token and no cookie.
	_, tokens := browser.PostJSON("/api/auth/token", map[string]string{"email": tc.ada.Email, "password": testPassword}, nil)
	program := testutil.NewClient(t, tc.url)
	program.Header = http.Header{} // a program is no browser: it sends no Sec-Fetch-Site
	resp, body = askAs(t, program, "Hello?", http.Header{"Authorization": {"Bearer " + tokens["access_token"].(string)}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"text":"Hello there."`) {
		t.Errorf("POST /api/chat with a token: %d %s, want the answer's events", resp.StatusCode, body)
	}
}

// TestChatLogsAndPagesHoldNoAPIKey chats once well and once with the API refusing (its
// error message quotes the key), then looks for the key everywhere.
func TestChatLogsAndPagesHoldNoAPIKey(t *testing.T) {
	var logs testutil.LogBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tc := newTestChatWithLogger(t, logger, testProvider(helloAPI(t), 5*time.Second))
	browser := testutil.NewClient(t, tc.url)
	browser.Login(tc.ada.Email, testPassword)

	_, good := askAs(t, browser, "Hello?", nil)
	resp, failed := askAs(t, browser, "Please fail", nil)
	_, page := browser.Get("/chat/" + resp.Header.Get("X-Conversation-Id"))

	if !strings.Contains(failed, "OPENROUTER_API_KEY") || !strings.Contains(logs.String(), "the AI service failed") {
		t.Fatalf("the failing chat did not fail as planned:\n%s\n%s", failed, logs.String())
	}
	for name, text := range map[string]string{"the log": logs.String(), "the events": good + failed, "the page": page} {
		if strings.Contains(text, testAPIKey) {
			t.Errorf("%s holds the API key:\n%s", name, text)
		}
	}
}
