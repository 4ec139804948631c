// Tests of the documents pages, the API and the admin's documents, through the whole app
// (server.New: the real routes and middleware) on the test database.

package rag_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/rag"
	"myapp/internal/server"
	"myapp/internal/testutil"
)

// testSite is the whole app with the documents of a recording index, Ada (a user, logged in),
// a superuser (logged in, in another browser) and Bob, who only uses the API with a token.
type testSite struct {
	deps       server.Deps
	index      *recordingIndex
	ada, staff *testutil.Client
	adaID      int64
	bobBearer  http.Header
}

const sitePassword = "correct horse battery"

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	deps := server.NewDeps(testutil.Config(t), testutil.Logger(t), testutil.NewDB(t))
	index := &recordingIndex{}
	deps.Documents.SetIndex(index)
	handler, err := server.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	site := &testSite{deps: deps, index: index}
	ada, err := deps.Accounts.CreateUser(t.Context(), "ada@example.com", sitePassword, auth.RoleUser)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := deps.Accounts.CreateUser(t.Context(), "root@example.com", sitePassword, auth.RoleSuperuser); err != nil {
		t.Fatal(err)
	}
	site.adaID = ada.ID
	site.ada = testutil.Serve(t, handler)
	site.ada.Login("ada@example.com", sitePassword)
	site.staff = testutil.NewClient(t, site.ada.URL)
	site.staff.Login("root@example.com", sitePassword)
	bob, err := deps.Accounts.CreateUser(t.Context(), "bob@example.com", sitePassword, auth.RoleUser)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := deps.Accounts.IssueTokens(t.Context(), bob)
	if err != nil {
		t.Fatal(err)
	}
	site.bobBearer = http.Header{"Authorization": {"Bearer " + tokens.AccessToken}}
	return site
}

// adaAdds adds a document of Ada's through the service and returns it.
func (s *testSite) adaAdds(t *testing.T, title, text string) rag.Document {
	t.Helper()
	doc, err := s.deps.Documents.AddDocument(t.Context(), s.adaID, rag.NewDocument{Title: title, ContentType: rag.TypeMarkdown, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDocumentsPageAddsAndLists(t *testing.T) {
	s := newTestSite(t)
	resp, body := s.ada.Get("/documents")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="upload-form"`) || !strings.Contains(body, `id="paste-form"`) ||
		!strings.Contains(body, `id="documents-empty"`) || !strings.Contains(body, `id="nav-documents"`) {
		t.Fatalf("GET /documents: %d, want the forms and an empty list\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `id="documents-offline"`) {
		t.Error("without an embedding key the page does not say that the offline embedder is used")
	}
	if strings.Contains(body, "Share with everyone") {
		t.Error("a user who is not staff is offered to share")
	}

	// The paste form, as a browser without JavaScript posts it: a redirect back.
	resp, body = s.ada.PostForm("/documents", url.Values{"title": {"Pasted"}, "text": {"# Setup\n\nInstall it."}, "content_type": {"text/markdown"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/documents" {
		t.Fatalf("paste: %d %s, want a redirect to /documents\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	// The upload form, as htmx posts it: the section again.
	resp, body = s.ada.Do(http.MethodPost, "/documents", "", nil, nil) // an empty form first
	if resp.StatusCode != http.StatusUnprocessableEntity && resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an empty form: %d, want a 4xx with a message\n%s", resp.StatusCode, body)
	}
	resp, body = s.ada.PostFiles("/documents", url.Values{"title": {""}}, map[string][2]string{"file": {"guide.md", "# Guide\n\nRead me."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d, want a redirect\n%s", resp.StatusCode, body)
	}

	_, body = s.ada.Get("/documents")
	for _, want := range []string{"Pasted", "guide", `data-status="pending"`, `hx-trigger="every 2s"`, "hx-confirm="} {
		if !strings.Contains(body, want) {
			t.Errorf("the list does not show %q\n%s", want, body)
		}
	}
	if strings.Contains(body, "onclick") || strings.Contains(body, "javascript:") {
		t.Error("the page uses inline JavaScript, which the CSP forbids")
	}
	resp, body = s.ada.Do(http.MethodGet, "/documents/list", "", nil, http.Header{"HX-Request": {"true"}})
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(body), `<div id="documents-list"`) {
		t.Errorf("GET /documents/list: %d, want the list alone\n%s", resp.StatusCode, body)
	}
}

// TestDocumentsPageRefusesBadInput: each problem is shown above the forms, with what was
// pasted kept.
func TestDocumentsPageRefusesBadInput(t *testing.T) {
	s := newTestSite(t)
	tests := []struct {
		name  string
		form  url.Values
		files map[string][2]string
		want  string
	}{
		{"nothing", url.Values{"title": {"x"}}, nil, "Choose a file, or paste some text"},
		{"white space", url.Values{"text": {"   "}}, nil, "Choose a file, or paste some text"},
		{"only a script", url.Values{"text": {"<script>x()</script>"}, "content_type": {"text/html"}}, nil, "no text"},
		{"a picture", nil, map[string][2]string{"file": {"a.txt", string(testutil.SamplePNG(t))}}, "not accepted"},
		{"sharing without being staff", url.Values{"text": {"kept text"}, "shared": {"true"}}, nil, "Only staff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := s.ada.PostFiles("/documents", tt.form, tt.files)
			if resp.StatusCode < 400 || resp.StatusCode >= 500 || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want a 4xx showing %q\n%s", resp.StatusCode, tt.want, body)
			}
			if text := tt.form.Get("text"); strings.TrimSpace(text) != "" && !strings.Contains(body, "kept text") && tt.name == "sharing without being staff" {
				t.Error("the pasted text was lost")
			}
		})
	}
	if docs, _ := s.deps.Documents.Documents(t.Context(), s.adaID); len(docs) != 0 {
		t.Errorf("%d documents saved from bad input, want none", len(docs))
	}
}

func TestDocumentPageShowsChunksWithAnchors(t *testing.T) {
	s := newTestSite(t)
	doc := s.adaAdds(t, "Manual", "# Setup\n\nFirst.\n\n## More\n\nSecond.")
	chunks, err := s.deps.Documents.Chunks(t.Context(), s.adaID, doc.ID)
	if err != nil || len(chunks) != 2 {
		t.Fatalf("chunks %+v, %v", chunks, err)
	}
	resp, body := s.ada.Get(fmt.Sprintf("/documents/%d", doc.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Manual") || !strings.Contains(body, "Setup &gt; More") {
		t.Fatalf("GET /documents/%d: %d\n%s", doc.ID, resp.StatusCode, body)
	}
	for _, c := range chunks {
		if !strings.Contains(body, fmt.Sprintf(`id="chunk-%d"`, c.ID)) {
			t.Errorf("no anchor chunk-%d", c.ID)
		}
	}
	// Someone else's document, and ids that are not, are 404.
	bob := testutil.NewClient(t, s.ada.URL)
	bob.Login("bob@example.com", sitePassword)
	for _, path := range []string{fmt.Sprintf("/documents/%d", doc.ID), "/documents/999999", "/documents/abc"} {
		if resp, _ := bob.Get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("Bob GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
	if resp, _ := testutil.NewClient(t, s.ada.URL).Get("/documents"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("GET /documents without a login: %d, want a redirect to the login", resp.StatusCode)
	}
}

func TestShareAndDeleteOnThePage(t *testing.T) {
	s := newTestSite(t)
	doc := s.adaAdds(t, "Notes", "Some text.")
	share := fmt.Sprintf("/documents/%d/share", doc.ID)
	if resp, _ := s.ada.PostForm(share, url.Values{"shared": {"true"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("Ada shares: %d, want 403", resp.StatusCode)
	}
	resp, body := s.staff.Do(http.MethodPost, share, "application/x-www-form-urlencoded", strings.NewReader("shared=true"), http.Header{"HX-Request": {"true"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Unshare") {
		t.Fatalf("staff shares with htmx: %d, want the section with Unshare\n%s", resp.StatusCode, body)
	}
	if !s.index.shared[doc.ID] {
		t.Error("the index was not told")
	}
	// Staff see the shared document, but only Ada may delete it.
	if resp, _ := s.staff.PostForm(fmt.Sprintf("/documents/%d/delete", doc.ID), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("staff delete Ada's document on the page: %d, want 404", resp.StatusCode)
	}
	if resp, _ := s.ada.PostForm(fmt.Sprintf("/documents/%d/delete", doc.ID), nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("Ada deletes: %d, want a redirect", resp.StatusCode)
	}
	if _, err := s.deps.Documents.Document(t.Context(), s.adaID, doc.ID); err == nil {
		t.Error("the document is still there")
	}
	// A post from another site is refused before it gets anywhere.
	resp, _ = s.ada.Do(http.MethodPost, "/documents", "application/x-www-form-urlencoded", strings.NewReader("text=x"), http.Header{"Sec-Fetch-Site": {"cross-site"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a cross-site post: %d, want 403", resp.StatusCode)
	}
}

func TestDocumentsAPI(t *testing.T) {
	s := newTestSite(t)
	api := s.ada // the API client is Bob, with his token: any client works
	resp, created := api.PostJSON("/api/documents", map[string]any{"title": "From the API", "text": "# A\n\nSome words."}, s.bobBearer)
	if resp.StatusCode != http.StatusCreated || created["status"] != "pending" || created["progress"] != 0.0 ||
		created["chunk_count"] != 1.0 || created["title"] != "From the API" {
		t.Fatalf("POST /api/documents: %d %v", resp.StatusCode, created)
	}
	id := int64(created["id"].(float64))
	if resp.Header.Get("Location") != fmt.Sprintf("/api/documents/%d", id) {
		t.Errorf("Location %q", resp.Header.Get("Location"))
	}
	resp, got := api.GetJSON(fmt.Sprintf("/api/documents/%d", id), s.bobBearer)
	if resp.StatusCode != http.StatusOK || got["status"] != "pending" || got["id"] != created["id"] {
		t.Errorf("GET: %d %v", resp.StatusCode, got)
	}
	resp, list := api.Do(http.MethodGet, "/api/documents", "", nil, s.bobBearer)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(list, "[{") {
		t.Errorf("GET /api/documents: %d %s, want a JSON array", resp.StatusCode, list)
	}

	// A file, in multipart.
	resp, body := api.PostFiles("/api/documents", url.Values{"title": {"Uploaded"}}, map[string][2]string{"file": {"a.html", "<h1>T</h1><p>Body</p>"}})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, `"content_type":"text/html"`) {
		t.Errorf("multipart POST (Ada's session): %d %s", resp.StatusCode, body)
	}

	// Ada's document is not Bob's to see or delete; Ada's session sees it.
	adas := s.adaAdds(t, "Private", "secret words")
	for _, method := range []string{http.MethodGet, http.MethodDelete} {
		resp, body := api.Do(method, fmt.Sprintf("/api/documents/%d", adas.ID), "", nil, s.bobBearer)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "secret") {
			t.Errorf("Bob %s Ada's document: %d %s, want 404", method, resp.StatusCode, body)
		}
	}
	if resp, _ := s.ada.GetJSON(fmt.Sprintf("/api/documents/%d", adas.ID), nil); resp.StatusCode != http.StatusOK {
		t.Errorf("Ada GET her own with her session: %d", resp.StatusCode)
	}

	resp, _ = api.Do(http.MethodDelete, fmt.Sprintf("/api/documents/%d", id), "", nil, s.bobBearer)
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("DELETE: %d, want 204", resp.StatusCode)
	}
	if resp, _ := api.GetJSON(fmt.Sprintf("/api/documents/%d", id), s.bobBearer); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET after DELETE: %d, want 404", resp.StatusCode)
	}
	if !slices.Contains(s.index.removed, id) {
		t.Error("the index was not told of the delete")
	}
}

// TestDocumentsAPIRefusesBadInput: each bad request is a 4xx with an error that says what to do.
func TestDocumentsAPIRefusesBadInput(t *testing.T) {
	s := newTestSite(t)
	client := testutil.NewClient(t, s.ada.URL)
	tests := []struct {
		name        string
		contentType string
		body        string
		header      http.Header
		status      int
		want        string
	}{
		{"no login", "application/json", `{"text": "x"}`, nil, http.StatusUnauthorized, "access token"},
		{"not JSON", "application/json", `{"text": `, s.bobBearer, http.StatusBadRequest, "JSON"},
		{"empty text", "application/json", `{"text": ""}`, s.bobBearer, http.StatusBadRequest, "no text"},
		{"a NUL", "application/json", `{"text": "a\u0000b"}`, s.bobBearer, http.StatusBadRequest, "NUL"},
		{"an unknown type", "application/json", `{"text": "x", "content_type": "image/png"}`, s.bobBearer, http.StatusBadRequest, "plain text, Markdown, HTML or PDF"},
		{"shared by a user", "application/json", `{"text": "x", "shared": true}`, s.bobBearer, http.StatusForbidden, "Only staff"},
		{"a form without file or text", "application/x-www-form-urlencoded", "title=x", s.bobBearer, http.StatusBadRequest, "Choose a file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := client.Do(http.MethodPost, "/api/documents", tt.contentType, strings.NewReader(tt.body), tt.header)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) || resp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("status %d %s, want %d in JSON mentioning %q", resp.StatusCode, body, tt.status, tt.want)
			}
		})
	}
}

// TestAdminDocuments: staff see documents and chunks in the admin; deleting a document there
// deletes its chunks, its stored file and (through AfterCommit) its vectors; nobody adds one there.
func TestAdminDocuments(t *testing.T) {
	s := newTestSite(t)
	resp, body := s.ada.PostFiles("/api/documents", nil, map[string][2]string{"file": {"a.md", "# A\n\ntext"}})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	docs, _ := s.deps.Documents.Documents(t.Context(), s.adaID)
	doc := docs[0]
	for _, path := range []string{"/admin/rag_documents", "/admin/rag_chunks", fmt.Sprintf("/admin/rag_documents/%d", doc.ID)} {
		if resp, body := s.staff.Get(path); resp.StatusCode != http.StatusOK || !strings.Contains(body, "a") {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := s.staff.Get("/admin/rag_documents/new"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the admin's new-document form: %d, want 403 (documents are added on /documents)", resp.StatusCode)
	}
	if resp, _ := s.ada.Get("/admin/rag_documents"); resp.StatusCode == http.StatusOK {
		t.Error("a user who is not staff reads the documents in the admin")
	}
	resp, body = s.staff.PostForm(fmt.Sprintf("/admin/rag_documents/%d/delete", doc.ID), nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin delete: %d\n%s", resp.StatusCode, body)
	}
	var chunks, files int
	s.deps.DB.QueryRow("SELECT COUNT(*) FROM rag_chunks").Scan(&chunks)
	s.deps.DB.QueryRow("SELECT COUNT(*) FROM uploads").Scan(&files)
	if chunks != 0 || files != 0 {
		t.Errorf("%d chunks and %d files left after the admin's delete, want none", chunks, files)
	}
	if !slices.Contains(s.index.removed, doc.ID) {
		t.Error("the search index was not told of the admin's delete")
	}
}
