// Tests for answers from the user's documents (POST /api/chat with "use_documents"), with a
// fake search that finds the passages each test chooses: what reaches the LLM, the sources
// event before the first token, the sources saved and shown under the answer, and nothing found.

package chat_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"myapp/internal/chat"
	"myapp/internal/config"
	"myapp/internal/rag"
	"myapp/internal/testutil"
)

// fakeSearch finds the passages a test gave each user (give), whatever the question, and
// records what it was asked.
type fakeSearch struct {
	err   error // when set, every search fails with it
	mu    sync.Mutex
	found map[int64][]rag.Hit // by the user who searches
	asked []searchCall
}

// give makes the search find passages for viewer from now on.
func (f *fakeSearch) give(viewer int64, passages ...rag.Hit) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.found == nil {
		f.found = map[int64][]rag.Hit{}
	}
	f.found[viewer] = passages
}

type searchCall struct {
	viewer   int64
	question string
	budget   int
}

func (f *fakeSearch) Retrieve(_ context.Context, viewer int64, question string, budget int) ([]rag.Hit, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, searchCall{viewer, question, budget})
	return f.found[viewer], f.err
}

func (f *fakeSearch) calls() []searchCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]searchCall(nil), f.asked...)
}

// teaPassages are two passages of one of Ada's documents.
var teaPassages = []rag.Hit{
	{DocumentID: 7, ChunkID: 70, Title: "Tea notes", Heading: "Growing", Text: "Assam tea grows in the Brahmaputra valley."},
	{DocumentID: 7, ChunkID: 71, Title: "Tea notes", Text: "Darjeeling is picked in four flushes."},
}

// askDocuments asks question with use_documents as Ada, and returns the events and the conversation.
func (tc *testChat) askDocuments(question string) ([]event, int64) {
	tc.t.Helper()
	resp := tc.post(tc.t.Context(), map[string]any{"message": question, "use_documents": true})
	if resp.StatusCode != http.StatusOK {
		tc.t.Fatalf("POST /api/chat: status %d, want 200", resp.StatusCode)
	}
	return readAllEvents(tc.t, resp.Body), parseID(tc.t, resp.Header.Get("X-Conversation-Id"))
}

// sourcesFirst checks that the stream is a sources event, then only tokens, then done, and
// returns the sources and the answer's text.
func sourcesFirst(t *testing.T, events []event) ([]chat.Source, string) {
	t.Helper()
	if len(events) == 0 || events[0].name != "sources" {
		t.Fatalf("events %v, want the sources event first, before any token", events)
	}
	text, _ := tokensOf(t, events[1:], "done")
	var sources []chat.Source
	if err := json.Unmarshal(events[0].raw, &sources); err != nil {
		t.Fatalf("the sources event's data %s: %v", events[0].raw, err)
	}
	return sources, text
}

func TestAnswersFromDocumentsCiteTheirSources(t *testing.T) {
	api := newFakeAPI(t, answerWith("Assam tea grows ", "in the Brahmaputra valley [1]."))
	search := &fakeSearch{}
	tc := newTestChatSearching(t, testProvider(api, 5*time.Second), search)
	search.give(tc.ada.ID, teaPassages...)

	events, conversationID := tc.askDocuments("  Where does Assam tea grow?  ")
	sources, text := sourcesFirst(t, events)
	want := []chat.Source{
		{N: 1, DocumentID: 7, ChunkID: 70, Title: "Tea notes", Link: "/documents/7#chunk-70"},
		{N: 2, DocumentID: 7, ChunkID: 71, Title: "Tea notes", Link: "/documents/7#chunk-71"},
	}
	if fmt.Sprint(sources) != fmt.Sprint(want) {
		t.Errorf("sources %+v, want %+v", sources, want)
	}
	if text != "Assam tea grows in the Brahmaputra valley [1]." {
		t.Errorf("answer %q, want the API's", text)
	}

	// The search was asked Ada's question, as Ada, within a budget.
	calls := search.calls()
	if len(calls) != 1 || calls[0].viewer != tc.ada.ID || calls[0].question != "Where does Assam tea grow?" || calls[0].budget <= 0 {
		t.Errorf("searches %+v, want one of Ada's trimmed question with a budget", calls)
	}

	// The LLM read the passages, numbered, just before the question.
	messages := api.requests()[0].Messages
	if len(messages) != 3 || messages[2] != (chat.Message{chat.RoleUser, "Where does Assam tea grow?"}) {
		t.Fatalf("messages %+v, want the system prompt, the passages and the question", messages)
	}
	passages := messages[1]
	for _, want := range []string{chat.DocumentsPrompt, "[1] Tea notes > Growing\nAssam tea grows in the Brahmaputra valley.", "[2] Tea notes\nDarjeeling is picked"} {
		if passages.Role != chat.RoleSystem || !strings.Contains(passages.Content, want) {
			t.Errorf("the passages message %+v lacks %q", passages, want)
		}
	}

	// The answer keeps its sources, and the page lists them under it as numbered links.
	saved := tc.messages(tc.ada.ID, conversationID)
	if len(saved) != 2 || saved[1].Sources != `[{"n":1,"document_id":7,"chunk_id":70,"title":"Tea notes","link":"/documents/7#chunk-70"},`+
		`{"n":2,"document_id":7,"chunk_id":71,"title":"Tea notes","link":"/documents/7#chunk-71"}]` {
		t.Errorf("saved %+v, want the answer with its two sources", saved)
	}
	if saved[0].Sources != "[]" {
		t.Errorf("the question's sources %q, want []", saved[0].Sources)
	}
	_, page := tc.get("/chat/" + strconv.FormatInt(conversationID, 10))
	for _, want := range []string{
		`<ol class="chat-footer chat-sources" aria-label="Sources">`,
		`<li><a href="/documents/7#chunk-70">[1] Tea notes</a></li><li><a href="/documents/7#chunk-71">[2] Tea notes</a></li>`,
		`data-documents="true"`, `id="chat-use-documents"`, // the toggle
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestNothingFoundInTheDocuments(t *testing.T) {
	api := newFakeAPI(t, answerWith("I found nothing about that in your documents."))
	search := &fakeSearch{} // finds nothing for anyone
	tc := newTestChatSearching(t, testProvider(api, 5*time.Second), search)

	events, conversationID := tc.askDocuments("What is the airspeed of a swallow?")
	if sources, _ := sourcesFirst(t, events); len(sources) != 0 {
		t.Errorf("sources %+v, want none", sources)
	}
	if string(events[0].raw) != "[]" {
		t.Error(`the sources event's data is null, want [] so that a client can loop over it`)
	}
	messages := api.requests()[0].Messages
	if len(messages) != 3 || messages[1] != (chat.Message{chat.RoleSystem, chat.NothingFoundPrompt}) {
		t.Errorf("messages %+v, want the LLM told that nothing was found, before the question", messages)
	}
	saved := tc.messages(tc.ada.ID, conversationID)
	if saved[1].Sources != "[]" {
		t.Errorf("saved sources %q, want []", saved[1].Sources)
	}
	// The page's only list of sources is the script's template, for answers still to come.
	if _, page := tc.get("/chat/" + strconv.FormatInt(conversationID, 10)); strings.Contains(page, `<ol class="chat-footer chat-sources" aria-label="Sources">`) {
		t.Error("the page lists sources under an answer that has none")
	}
}

func TestTheDemoAnswersFromTheDocuments(t *testing.T) {
	search := &fakeSearch{}
	tc := newTestChatSearching(t, chat.NewDemoProvider(0), search)
	search.give(tc.ada.ID, teaPassages...)

	events, _ := tc.askDocuments("Where does Assam tea grow?")
	sources, text := sourcesFirst(t, events)
	if len(sources) != 2 {
		t.Errorf("sources %+v, want both passages", sources)
	}
	for _, want := range []string{"Demo mode", "Assam tea grows in the Brahmaputra valley. [1]", "Darjeeling is picked in four flushes. [2]"} {
		if !strings.Contains(text, want) {
			t.Errorf("the demo answered %q, want it to quote %q", text, want)
		}
	}

	search.give(tc.ada.ID)
	events, _ = tc.askDocuments("What is the airspeed of a swallow?")
	if _, text := sourcesFirst(t, events); !strings.HasPrefix(text, chat.DemoNothingFound) || !strings.Contains(text, "found nothing") {
		t.Errorf("the demo answered %q, want it to say it found nothing in the documents", text)
	}
}

func TestUseDocumentsWithoutSearchIsRefused(t *testing.T) {
	api := newFakeAPI(t, answerWith("Hi."))
	tc := newTestChatSearching(t, testProvider(api, 5*time.Second), nil) // a chat that searches nothing
	resp := tc.post(t.Context(), map[string]any{"message": "Hello", "use_documents": true})
	checkJSONError(t, resp, http.StatusBadRequest, "use_documents")
	if conversations, _ := tc.service.Conversations(t.Context(), tc.ada.ID); len(conversations) != 0 || len(api.requests()) != 0 {
		t.Errorf("%d conversations and %d requests to the API, want none: the question was refused", len(conversations), len(api.requests()))
	}
	// Its page offers no toggle; without use_documents, the question is answered.
	if _, page := tc.get("/chat"); strings.Contains(page, `id="chat-use-documents"`) || !strings.Contains(page, `data-documents="false"`) {
		t.Error("the page offers to use documents that the chat cannot search")
	}
	tokensOf(t, tc.ask(map[string]any{"message": "Hello", "use_documents": false}), "done")
}

func TestASearchThatFailsEndsTheAnswer(t *testing.T) {
	api := newFakeAPI(t, answerWith("Never sent."))
	search := &fakeSearch{err: errors.New("the index is broken")}
	tc := newTestChatSearching(t, testProvider(api, 5*time.Second), search)

	events, conversationID := tc.askDocuments("Where does Assam tea grow?")
	if len(events) != 1 || events[0].name != "error" || events[0].data["code"] != "search_failed" ||
		strings.Contains(fmt.Sprint(events[0].data), "broken") {
		t.Errorf("events %v, want one error event, search_failed, without the error's details", events)
	}
	if len(api.requests()) != 0 {
		t.Error("the LLM was asked although the search failed")
	}
	saved := tc.messages(tc.ada.ID, conversationID)
	if len(saved) != 2 || saved[1].Status != chat.StatusFailed || !strings.Contains(saved[1].ErrorMessage, "could not be searched") {
		t.Errorf("saved %+v, want the question and a failed answer saying why", saved)
	}
}

func TestWithoutUseDocumentsNothingIsSearched(t *testing.T) {
	api := newFakeAPI(t, answerWith("Hi."))
	search := &fakeSearch{}
	tc := newTestChatSearching(t, testProvider(api, 5*time.Second), search)
	search.give(tc.ada.ID, teaPassages...)
	tokensOf(t, tc.ask(map[string]any{"message": "Hello"}), "done") // no sources event either
	if len(search.calls()) != 0 || len(api.requests()[0].Messages) != 2 {
		t.Errorf("searches %+v and messages %+v, want no search and no passages", search.calls(), api.requests()[0].Messages)
	}
}

// TestOnlyYourDocumentsReachTheLLM: with the app's own search (internal/rag, the offline
// embedder), each user's question brings their own documents to the LLM, never another's.
func TestOnlyYourDocumentsReachTheLLM(t *testing.T) {
	api := newFakeAPI(t, answerWith("From your notes [1]."))
	tc := newTestChat(t, testProvider(api, 5*time.Second))
	ctx := t.Context()
	for _, d := range []struct {
		owner       int64
		title, text string
	}{
		{tc.ada.ID, "Ada's tea notes", "Assam tea grows in the Brahmaputra valley, where Ada's tea estate lies."},
		{tc.bob.ID, "Bob's tea notes", "Assam tea grows in the Brahmaputra valley, where Bob's secret garden lies."},
	} {
		if _, err := tc.documents.AddDocument(ctx, d.owner, rag.NewDocument{Title: d.title, ContentType: rag.TypeText, Text: d.text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tc.documents.ProcessPending(ctx); err != nil { // embed them now, as `documents add` does
		t.Fatal(err)
	}

	for i, asker := range []struct {
		user         chatUser
		mine, theirs string
	}{
		{tc.ada, "Ada's tea estate", "Bob's secret garden"},
		{tc.bob, "Bob's secret garden", "Ada's tea estate"},
	} {
		resp := tc.postAs(ctx, asker.user, map[string]any{"message": "Where does Assam tea grow?", "use_documents": true})
		sources, _ := sourcesFirst(t, readAllEvents(t, resp.Body))
		if len(sources) != 1 || !strings.HasPrefix(sources[0].Title, asker.mine[:3]) {
			t.Errorf("%s's sources %+v, want only their own document", asker.mine[:3], sources)
		}
		prompt := fmt.Sprint(api.requests()[i].Messages)
		if !strings.Contains(prompt, asker.mine) || strings.Contains(prompt, asker.theirs) {
			t.Errorf("the LLM read %s, want %q and never %q", prompt, asker.mine, asker.theirs)
		}
	}
}

// TestHostileTitlesAreEscaped: a document's title is whatever its owner typed, and shows on
// the chat page under an answer. html/template escapes it there, and JSON in the stream (the
// page's script shows it with x-text, as text).
func TestHostileTitlesAreEscaped(t *testing.T) {
	titles := []string{
		`<script>alert("title")</script>`,
		`"><img src=x onerror=alert(1)>`,
		`</a><a href="javascript:alert(1)">click`,
		`' onmouseover='alert(1)`,
		`{{ .Secret }} & [[ .Name ]]`,
		"<svg/onload=alert(1)>\u202e",
		`<!-- comment --><style>body{display:none}</style>`,
	}
	api := newFakeAPI(t, answerWith("See [1]."))
	search := &fakeSearch{}
	tc := newTestChatSearching(t, testProvider(api, 5*time.Second), search)
	for i, title := range titles {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			search.give(tc.ada.ID, rag.Hit{DocumentID: 3, ChunkID: 30, Title: title, Text: "a passage"})
			events, conversationID := tc.askDocuments("Which document?")
			if sources, _ := sourcesFirst(t, events); len(sources) != 1 || sources[0].Title != title {
				t.Errorf("sources %+v, want the title as it was typed, in JSON", sources)
			}
			_, page := tc.get("/chat/" + strconv.FormatInt(conversationID, 10))
			if strings.Contains(page, title) {
				t.Errorf("the page holds the title %q unescaped", title)
			}
			if !strings.Contains(page, `<a href="/documents/3#chunk-30">[1] `) || !strings.Contains(html.UnescapeString(page), "[1] "+title+"</a>") {
				t.Errorf("the page does not show the title %q as text in the source's link", title)
			}
		})
	}
}

// TestConcurrentAnswersKeepTheirSources: many answers from documents saved at once, each with
// its own sources, none lost or mixed up.
func TestConcurrentAnswersKeepTheirSources(t *testing.T) {
	const writers, each = 16, 3
	search := &fakeSearch{}
	tc := newTestChatSearching(t, chat.NewDemoProvider(0), search, func(cfg *config.Config) {
		cfg.ChatRequestsPerMinute, cfg.ChatTokensPerDay = 0, 0 // this test is about the database
	})
	search.give(tc.ada.ID, teaPassages...)
	ctx := t.Context()
	testutil.Concurrently(t, writers, each, func(writer, n int) error {
		turn, err := tc.service.Begin(ctx, tc.ada.ID, 0, fmt.Sprintf("question %d.%d", writer, n), "")
		if err != nil {
			return err
		}
		if err := tc.service.AddDocuments(ctx, &turn); err != nil {
			return err
		}
		_, err = tc.service.Finish(ctx, turn, chat.Answer{Text: "an answer [1]", Status: chat.StatusComplete})
		return err
	})
	var withSources int
	err := tc.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM chat_messages WHERE role = 'assistant' AND sources LIKE '%chunk-71%'").Scan(&withSources)
	if err != nil {
		t.Fatal(err)
	}
	if withSources != writers*each {
		t.Errorf("%d answers kept their sources, want %d", withSources, writers*each)
	}
}
