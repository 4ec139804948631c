// Helpers for the chat tests that go through HTTP: the whole app as production serves it
// (server.New, with the real routes.go and middleware) on a fresh test database, the chat
// answering with a provider the test picks, two users, and a reader for server-sent events.
// The fake OpenAI-compatible API is in fakeapi_test.go.
//
// These tests are in package chat_test, outside chat, because internal/server imports chat:
// package chat's own tests cannot import server. What they need from inside chat is in
// export_test.go.

package chat_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/chat"
	"myapp/internal/config"
	"myapp/internal/models"
	"myapp/internal/rag"
	"myapp/internal/server"
	"myapp/internal/testutil"
)

// testChat is the whole app on a test server, with the chat's service, its clock and two users.
type testChat struct {
	t         testing.TB
	url       string // the app's address
	db        *sql.DB
	service   *chat.Service
	clock     *testutil.Clock
	ada, bob  chatUser
	browser   *testutil.Client // Ada's, logged in on first use (see get)
	documents *rag.Service     // the app's documents, which its own search finds
}

// chatUser is a user and the access token they send to the chat's API, as a program would.
type chatUser struct {
	models.User
	token string
}

// testPassword is Ada's password, for the login form.
const testPassword = "correct horse battery"

// newTestChat serves the app with the chat answering with provider. change, if given, adjusts
// the configuration.
func newTestChat(t testing.TB, provider chat.Provider, change ...func(*config.Config)) *testChat {
	t.Helper()
	return newTestChatWithLogger(t, testutil.Logger(t), provider, change...)
}

// newTestChatWithLogger is newTestChat with the app's log going to logger.
func newTestChatWithLogger(t testing.TB, logger *slog.Logger, provider chat.Provider, change ...func(*config.Config)) *testChat {
	t.Helper()
	return startTestChat(t, logger, provider, appSearch, change...)
}

// newTestChatSearching is newTestChat with the chat finding passages of documents with search
// instead of the app's own search; nil makes a chat that cannot search documents.
func newTestChatSearching(t testing.TB, provider chat.Provider, search chat.DocumentSearch, change ...func(*config.Config)) *testChat {
	t.Helper()
	return startTestChat(t, testutil.Logger(t), provider, func(server.Deps) chat.DocumentSearch { return search }, change...)
}

// appSearch is the app's own search of documents, as server.NewDeps gives it to the chat.
func appSearch(deps server.Deps) chat.DocumentSearch {
	return deps.Documents
}

// startTestChat serves the app with the chat answering with provider and finding passages of
// documents with what search picks from the app's parts.
func startTestChat(t testing.TB, logger *slog.Logger, provider chat.Provider, search func(server.Deps) chat.DocumentSearch, change ...func(*config.Config)) *testChat {
	t.Helper()
	cfg := testutil.Config(t)
	cfg.LLMAPIKey, cfg.LLMModel, cfg.LLMModels = testAPIKey, "test/model", []string{"test/other"}
	for _, c := range change {
		c(&cfg)
	}
	deps := server.NewDeps(cfg, logger, testutil.NewDB(t))
	deps.Chat = chat.NewService(cfg, deps.DB, deps.Statements, provider) // in place of the real AI
	deps.Chat.UseDocuments(search(deps))
	// PostgreSQL keeps microseconds: a clock without nanoseconds reads back exactly.
	clock := testutil.NewClock()
	chat.SetClock(deps.Chat, clock.Now)
	handler, err := server.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	tc := &testChat{t: t, url: testutil.Serve(t, handler).URL, db: deps.DB, service: deps.Chat, clock: clock, documents: deps.Documents}
	// Ada logs in to see pages (get); Bob only uses the API, so he needs no password, whose
	// hash would take a moment.
	ada, err := deps.Accounts.CreateUser(t.Context(), "ada@example.com", testPassword, auth.RoleUser)
	if err != nil {
		t.Fatal(err)
	}
	bob, err := models.New(deps.DB).CreateUser(t.Context(), models.CreateUserParams{
		Email: "bob@example.com", PasswordHash: "!", Now: time.Now().UTC()})
	if err != nil {
		t.Fatal(err)
	}
	tc.ada, tc.bob = tc.withToken(deps.Accounts, ada), tc.withToken(deps.Accounts, bob)
	return tc
}

// withToken gives user an access token for the API.
func (tc *testChat) withToken(accounts *auth.Service, user models.User) chatUser {
	tc.t.Helper()
	tokens, err := accounts.IssueTokens(tc.t.Context(), user)
	if err != nil {
		tc.t.Fatal(err)
	}
	return chatUser{User: user, token: tokens.AccessToken}
}

// request returns a POST /api/chat of body, sent by user with their access token, under ctx.
func (tc *testChat) request(ctx context.Context, user chatUser, body io.Reader) *http.Request {
	tc.t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tc.url+"/api/chat", body)
	if err != nil {
		tc.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+user.token)
	return req
}

// post sends body as JSON to POST /api/chat as Ada, under ctx, and returns the response,
// whose body is still streaming.
func (tc *testChat) post(ctx context.Context, body any) *http.Response {
	tc.t.Helper()
	return tc.postAs(ctx, tc.ada, body)
}

func (tc *testChat) postAs(ctx context.Context, user chatUser, body any) *http.Response {
	tc.t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		tc.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(tc.request(ctx, user, bytes.NewReader(data)))
	if err != nil {
		tc.t.Fatal(err)
	}
	tc.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// ask sends a question as Ada and returns every event of the answer.
func (tc *testChat) ask(body any) []event {
	tc.t.Helper()
	resp := tc.post(tc.t.Context(), body)
	if resp.StatusCode != http.StatusOK {
		data, _ := io.ReadAll(resp.Body)
		tc.t.Fatalf("POST /api/chat: status %d, want 200: %s", resp.StatusCode, data)
	}
	return readAllEvents(tc.t, resp.Body)
}

// get fetches a page in Ada's browser, logged in through the login form.
func (tc *testChat) get(path string) (int, string) {
	tc.t.Helper()
	if tc.browser == nil {
		tc.browser = testutil.NewClient(tc.t, tc.url)
		tc.browser.Login(tc.ada.Email, testPassword)
	}
	resp, body := tc.browser.Get(path)
	return resp.StatusCode, body
}

// messages returns a conversation's saved messages.
func (tc *testChat) messages(userID, conversationID int64) []models.ChatMessage {
	tc.t.Helper()
	_, messages, err := tc.service.Conversation(context.Background(), userID, conversationID)
	if err != nil {
		tc.t.Fatal(err)
	}
	return messages
}

// event is one server-sent event: its name and its data, decoded from JSON when an object.
type event struct {
	name string
	data map[string]any
	raw  json.RawMessage // the data as sent
}

// eventReader reads server-sent events one by one, as a client of the API would.
type eventReader struct {
	lines *bufio.Scanner
}

func newEventReader(body io.Reader) *eventReader {
	return &eventReader{lines: bufio.NewScanner(body)}
}

// next returns the next event, or io.EOF at the end of the stream.
func (er *eventReader) next() (event, error) {
	var e event
	for er.lines.Scan() {
		line := er.lines.Text()
		switch {
		case line == "" && e.name != "":
			return e, nil
		case strings.HasPrefix(line, "event: "):
			e.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			e.raw = json.RawMessage(strings.TrimPrefix(line, "data: "))
			if !json.Valid(e.raw) {
				return e, fmt.Errorf("data %q is not JSON", line)
			}
			json.Unmarshal(e.raw, &e.data) // an object; other data (the sources' list) stays in raw
		}
	}
	if err := er.lines.Err(); err != nil {
		return e, err
	}
	return e, io.EOF
}

// readAllEvents reads events until the stream ends.
func readAllEvents(t testing.TB, body io.Reader) []event {
	t.Helper()
	return newEventReader(body).all(t)
}

// all reads the remaining events until the stream ends. Comment lines are skipped.
func (er *eventReader) all(t testing.TB) []event {
	t.Helper()
	var events []event
	for {
		e, err := er.next()
		if err == io.EOF {
			return events
		}
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
}

// tokensOf joins the text of the token events, and checks that the stream ends with one
// event called last, which it returns.
func tokensOf(t testing.TB, events []event, last string) (string, event) {
	t.Helper()
	if len(events) == 0 || events[len(events)-1].name != last {
		t.Fatalf("events %v, want them to end with %s", events, last)
	}
	var text strings.Builder
	for _, e := range events[:len(events)-1] {
		if e.name != "token" {
			t.Fatalf("event %v before the %s event, want only tokens", e, last)
		}
		text.WriteString(e.data["text"].(string))
	}
	return text.String(), events[len(events)-1]
}

// parseID reads an id such as the X-Conversation-Id header.
func parseID(t testing.TB, text string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		t.Fatalf("%q is not an id: %v", text, err)
	}
	return id
}

// waitFor polls condition until it holds, failing the test after ten seconds.
func waitFor(t testing.TB, what string, condition func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !condition() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10s for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
