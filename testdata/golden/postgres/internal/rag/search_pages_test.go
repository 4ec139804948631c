// Tests of the search page and GET /api/search through the whole app (server.New, the real
// routes and middleware), with documents embedded by the offline embedder.

package rag_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/models"
	"myapp/internal/rag"
	"myapp/internal/server"
	"myapp/internal/testutil"
)

// searchSite is the app on a test server with Ada (logged in, in a browser) and Bob (an API
// token), and a document each.
type searchSite struct {
	browser *testutil.Client
	api     *testutil.Client
	adaDoc  int64
	bobAuth http.Header
}

const adaPassword = "correct horse battery"

func newSearchSite(t *testing.T) *searchSite {
	t.Helper()
	cfg := testutil.Config(t)
	deps := server.NewDeps(cfg, testutil.Logger(t), testutil.NewDB(t))
	ada, err := deps.Accounts.CreateUser(t.Context(), "ada@example.com", adaPassword, auth.RoleUser)
	if err != nil {
		t.Fatal(err)
	}
	bob, err := models.New(deps.DB).CreateUser(t.Context(), models.CreateUserParams{
		Email: "bob@example.com", PasswordHash: "!", Now: time.Now().UTC()})
	if err != nil {
		t.Fatal(err)
	}
	site := &searchSite{}
	site.adaDoc = storeDocument(t, deps, ada.ID, "Soup <b>notes</b>",
		"A tomato soup needs ripe tomatoes. <script>alert(1)</script> Simmer them slowly.")
	storeDocument(t, deps, bob.ID, "Bob's garden", "Tomato plants like sun and water.")
	handler, err := server.New(deps) // builds the vector index from the stored vectors
	if err != nil {
		t.Fatal(err)
	}
	site.browser = testutil.Serve(t, handler)
	site.browser.Login("ada@example.com", adaPassword)
	site.api = testutil.NewClient(t, site.browser.URL)
	tokens, err := deps.Accounts.IssueTokens(t.Context(), bob)
	if err != nil {
		t.Fatal(err)
	}
	site.bobAuth = http.Header{"Authorization": {"Bearer " + tokens.AccessToken}}
	return site
}

// storeDocument saves a ready document of one chunk, embedded by the offline embedder.
func storeDocument(t *testing.T, deps server.Deps, owner int64, title, text string) int64 {
	t.Helper()
	vectors, err := rag.OfflineEmbedder{}.Embed(t.Context(), []string{text})
	if err != nil {
		t.Fatal(err)
	}
	id := testutil.InsertRow(t, deps.DB, `INSERT INTO rag_documents (owner_id, title, content_type, status, created_at, updated_at)
		VALUES ($1, $2, 'text/plain', 'ready', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`, owner, title)
	testutil.InsertRow(t, deps.DB, `INSERT INTO rag_chunks (document_id, position, text, tokens, embedding)
		VALUES ($1, 0, $2, 20, $3) RETURNING id`, id, text, rag.EncodeVector(vectors[0]))
	return id
}

func TestSearchPage(t *testing.T) {
	site := newSearchSite(t)
	resp, body := site.browser.Get("/search?q=" + url.QueryEscape("tomato soup") + "&mode=hybrid")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /search: status %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{
		`<mark>tomato</mark>`, `<mark>soup</mark>`, // the query's words, marked
		`href="/documents/`,                     // a link to the document at the chunk
		`Soup &lt;b&gt;notes&lt;/b&gt;`,         // the title, escaped
		`&lt;script&gt;alert(1)&lt;/script&gt;`, // the text, escaped
		`<option value="hybrid" selected>`, `hx-trigger="input changed delay:300ms`,
		`id="search-offline"`, // no embedding key in the tests: the page says what that means
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the search page lacks %s", want)
		}
	}
	if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "Bob&#39;s garden") {
		t.Error("the search page shows a chunk's script unescaped, or Bob's private document")
	}

	// htmx asks for the results alone.
	resp, body = site.browser.Do(http.MethodGet, "/search?q=tomato", "", nil, http.Header{"HX-Request": {"true"}})
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") || !strings.Contains(body, `id="search-results"`) {
		t.Errorf("GET /search for htmx: status %d, want the results partial alone:\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "HX-Request") {
		t.Error("the search page does not Vary on HX-Request")
	}

	// A mode that needs what is missing, or none known, says so on the page.
	_, body = site.browser.Get("/search?q=tomato&mode=fuzzy")
	if !strings.Contains(body, "mode must be semantic, keyword or hybrid") {
		t.Error("the search page does not explain a bad mode")
	}

	// Visitors are sent to log in.
	resp, _ = testutil.NewClient(t, site.browser.URL).Get("/search?q=tomato")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("GET /search without a login: status %d to %q, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestSearchAPI(t *testing.T) {
	site := newSearchSite(t)
	for _, mode := range []string{"", "&mode=hybrid", "&mode=keyword", "&mode=semantic"} {
		resp, body := site.api.Do(http.MethodGet, "/api/search?q=tomato&k=5"+mode, "", nil, site.bobAuth)
		var hits []map[string]any
		if err := json.Unmarshal([]byte(body), &hits); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/search%s: status %d, body %s", mode, resp.StatusCode, body)
		}
		if len(hits) != 1 || hits[0]["title"] != "Bob's garden" {
			t.Errorf("GET /api/search%s as Bob = %v, want his own document only", mode, hits)
			continue
		}
		for _, field := range []string{"document_id", "title", "chunk_id", "text", "score"} {
			if _, ok := hits[0][field]; !ok {
				t.Errorf("a result lacks %q: %v", field, hits[0])
			}
		}
	}
	// The browser's session works too.
	resp, body := site.browser.Do(http.MethodGet, "/api/search?q=soup", "", nil, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"document_id"`) {
		t.Errorf("GET /api/search with a session: status %d, body %s", resp.StatusCode, body)
	}
}

func TestSearchAPIRefusesBadRequests(t *testing.T) {
	site := newSearchSite(t)
	tests := []struct{ query, want string }{
		{"q=tomato&k=0", "k must be a whole number from 1 to 50"},
		{"q=tomato&k=51", "k must be"},
		{"q=tomato&k=-1", "k must be"},
		{"q=tomato&k=ten", "k must be"},
		{"q=tomato&k=1.5", "k must be"},
		{"q=tomato&k=99999999999999999999", "k must be"},
		{"q=tomato&mode=fuzzy", "mode must be semantic, keyword or hybrid"},
		{"q=tomato&mode=HYBRID", "mode must be"},
		{"q=", "q is missing"},
		{"q=%20%20", "q is missing"},
		{"", "q is missing"},
	}
	for _, tt := range tests {
		resp, body := site.api.GetJSON("/api/search?"+tt.query, site.bobAuth)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body["error"].(string), tt.want) {
			t.Errorf("GET /api/search?%s: status %d, %v; want 400 saying %q", tt.query, resp.StatusCode, body, tt.want)
		}
	}
	resp, _ := site.api.GetJSON("/api/search?q=tomato", nil)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /api/search without a token: status %d, want 401", resp.StatusCode)
	}
}
