package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// lighthouseNotes is the document the browser uploads: words a search can find, under headings.
const lighthouseNotes = `# Lighthouses

## The lens

A Fresnel lens bends the lamp's light into one bright beam that ships see thirty miles away.

## The keepers

Keepers trimmed the wick every night and wound the clockwork that turned the lens.
`

// TestBrowserDocumentsSearchAndChat follows the rag feature the whole way, as a person would:
// upload a document on /documents, watch it become ready, find it on /search as you type, and
// ask the chat with "Use my documents" to see the answer's numbered sources, live and after a
// reload. The app runs as a classroom's would, with no keys: the offline embedder and the
// demo chat. The browser must report no error and no Content-Security-Policy violation.
func TestBrowserDocumentsSearchAndChat(t *testing.T) {
	sc := scenarios[0]
	app := appFor(t, sc)
	for _, name := range []string{"OPENROUTER_API_KEY", "EMBEDDING_API_KEY", "EMBEDDING_BASE_URL", "EMBEDDING_MODEL", "EMBEDDING_DIMENSIONS"} {
		t.Setenv(name, "") // startServer passes the environment on to the app: no keys, offline
	}
	srv := startServer(t, app, sc)
	defer srv.stop()
	requireBuiltAssets(t, srv.base)
	const email, password = "rag-browser@example.com", "a long enough password"
	srv.manage(t, app, password, "users", "create", email, "--password-stdin")
	file := filepath.Join(t.TempDir(), "lighthouses.md")
	if err := os.WriteFile(file, []byte(lighthouseNotes), 0o600); err != nil {
		t.Fatal(err)
	}
	tr := newTour(t, srv.base)

	// Upload, then watch the list until the document is ready (htmx polls its status).
	browserLogin(t, tr.ctx, srv.base+"/documents", email, password, documentsUploadForm)
	tr.do("uploading the file",
		chromedp.SetUploadFiles(chromedp.CSS(documentsFileInput), []string{file}),
		chromedp.SendKeys(chromedp.CSS(documentsTitleInput), "Lighthouses"),
		chromedp.Click(chromedp.CSS(documentsUploadButton)), // htmx sends it and swaps the list in
	)
	tr.waitText("the document is listed", documentsList, "Lighthouses")
	tr.waitText("the document becomes ready", documentsList, "ready")

	// Search: results come as you type.
	tr.visit("/search", searchInput)
	tr.do("typing a query", chromedp.SendKeys(chromedp.CSS(searchInput), "fresnel lens"))
	tr.waitText("the results show the document", searchResults, "Lighthouses")

	// The chat, with the toggle on: the sources are listed under the answer as it streams.
	tr.visit("/chat", "#chat-form")
	const answer = `#chat-messages [data-role="assistant"]`
	tr.do("asking with my documents",
		chromedp.Click(chromedp.CSS("#chat-use-documents")),
		chromedp.SendKeys(chromedp.CSS("#chat-input"), "How does a Fresnel lens bend light?"),
		chromedp.Click(chromedp.CSS("#chat-send")),
		chromedp.WaitVisible(chromedp.CSS(answer+`[data-status="complete"]`)),
	)
	tr.waitText("the sources are listed", answer+" .chat-sources", "[1] Lighthouses")
	tr.waitText("the demo quotes the passage", answer, "Fresnel lens bends")
	links := func(when string) {
		t.Helper()
		href, err := chromedp.Run(tr.ctx, chromedp.Evaluate[string](
			`document.querySelector('#chat-messages [data-role="assistant"] .chat-sources a').getAttribute("href")`))
		if err != nil || !strings.HasPrefix(href, "/documents/") || !strings.Contains(href, "#chunk-") {
			t.Errorf("%s: the first source links to %q (%v), want /documents/ID#chunk-ID", when, href, err)
		}
	}
	links("as it streamed")

	// After a reload the server lists the saved sources, and the toggle is still on.
	location, err := chromedp.Run(tr.ctx, chromedp.Location())
	if err != nil || !strings.Contains(location, "/chat/") {
		t.Fatalf("after the answer the address is %q (%v), want the conversation's /chat/ID", location, err)
	}
	tr.visit(strings.TrimPrefix(location, srv.base), answer+" .chat-sources")
	if got := tr.text(answer + " .chat-sources"); !strings.Contains(got, "[1] Lighthouses") {
		t.Errorf("after a reload the sources show %q, want [1] Lighthouses", got)
	}
	links("after a reload")
	if on, err := chromedp.Run(tr.ctx, chromedp.Evaluate[bool](`document.querySelector("#chat-use-documents").checked`)); err != nil || !on {
		t.Errorf("after a reload the toggle is off (%v), want it remembered", err)
	}

	// The source's link opens the document at the passage.
	tr.do("following the source", chromedp.Click(chromedp.CSS(answer+" .chat-sources a")))
	tr.waitText("the document opens", "main", "Fresnel lens")
}

// The parts of the documents and search pages the test uses.
const (
	documentsUploadForm   = "#upload-form"
	documentsFileInput    = "#upload-file"
	documentsTitleInput   = "#upload-title"
	documentsUploadButton = `#upload-form button[type="submit"]`
	documentsList         = "#documents-list"
	searchInput           = "#search-q"
	searchResults         = "#search-results"
)
