// Helpers for the chat tests: the chat on a test server with a user logged in, and a reader
// for its server-sent events. The fake OpenAI-compatible API is in fakeapi_test.go.

package chat

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"myapp/internal/config"
	"myapp/internal/models"
	"myapp/internal/testutil"
	"myapp/internal/web"
)

// testChat is the chat API on a test server, with a fresh database and two users.
type testChat struct {
	t        testing.TB
	server   *httptest.Server
	service  *Service
	handlers *Handlers
	clock    *testutil.Clock
	ada, bob models.User
}

// newTestChat serves the chat with provider. change, if given, adjusts the configuration.
// Requests act as the user whose id is in the X-Test-User header (Ada's by default): the
// real login is tested with the whole app, in internal/server.
func newTestChat(t testing.TB, provider Provider, change ...func(*config.Config)) *testChat {
	t.Helper()
	cfg := testutil.Config(t)
	cfg.LLMAPIKey, cfg.LLMModel, cfg.LLMModels = testAPIKey, "test/model", []string{"test/other"}
	for _, c := range change {
		c(&cfg)
	}
	db := testutil.NewDB(t)
	service := NewService(cfg, db, provider)
	// PostgreSQL keeps microseconds: a clock without nanoseconds reads back exactly.
	clock := testutil.NewClock()
	service.now = clock.Now
	render, err := web.NewRenderer(testutil.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	handlers := NewHandlers(service, render, testutil.Logger(t))
	tc := &testChat{t: t, service: service, handlers: handlers, clock: clock}
	tc.ada, tc.bob = createUser(t, db, "ada@example.com"), createUser(t, db, "bob@example.com")

	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/chat", handlers.Send)
	mux.HandleFunc("GET /chat", handlers.Page)
	mux.HandleFunc("GET /chat/{id}", handlers.Page)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"}) // as internal/server's, for the benchmarks
	})
	asUser := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := tc.ada.ID
		if header := r.Header.Get("X-Test-User"); header != "" {
			id, _ = strconv.ParseInt(header, 10, 64)
		}
		mux.ServeHTTP(w, r.WithContext(web.WithUser(r.Context(), &web.User{ID: id})))
	})
	tc.server = httptest.NewServer(asUser)
	t.Cleanup(tc.server.Close)
	return tc
}

// createUser adds a user who cannot log in (the chat tests need none to).
func createUser(t testing.TB, db *sql.DB, email string) models.User {
	t.Helper()
	user, err := models.New(db).CreateUser(context.Background(), models.CreateUserParams{
		Email: email, PasswordHash: "!", Now: time.Now().UTC()})
	if err != nil {
		t.Fatal(err)
	}
	return user
}

// post sends body as JSON to POST /api/chat as Ada, under ctx, and returns the response,
// whose body is still streaming.
func (tc *testChat) post(ctx context.Context, body any) *http.Response {
	tc.t.Helper()
	return tc.postAs(ctx, tc.ada, body)
}

func (tc *testChat) postAs(ctx context.Context, user models.User, body any) *http.Response {
	tc.t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		tc.t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tc.server.URL+"/api/chat", bytes.NewReader(data))
	if err != nil {
		tc.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Test-User", strconv.FormatInt(user.ID, 10))
	resp, err := http.DefaultClient.Do(req)
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

// get fetches a page as Ada.
func (tc *testChat) get(path string) (int, string) {
	tc.t.Helper()
	resp, body := testutil.NewClient(tc.t, tc.server.URL).Get(path)
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

// event is one server-sent event: its name and its data, decoded from JSON.
type event struct {
	name string
	data map[string]any
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
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e.data); err != nil {
				return e, fmt.Errorf("data %q is not JSON: %w", line, err)
			}
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
