// Tests for documents.go on the test database (SQLite, or PostgreSQL with TEST_DATABASE_URL):
// adding (text and files, one transaction, no file left behind), who sees, shares and
// deletes what, and many users adding at once.

package rag_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/rag"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

// testDocs is the documents service on a fresh test database, with its stored files and users.
type testDocs struct {
	service         *rag.Service
	db              *sql.DB
	queries         *models.Queries
	store           uploads.Storage
	index           *recordingIndex
	ada, bob, staff int64
}

func newTestDocs(t testing.TB, change ...func(*config.Config)) *testDocs {
	t.Helper()
	cfg := testutil.Config(t)
	for _, c := range change {
		c(&cfg)
	}
	db := testutil.NewDB(t)
	service := rag.NewService(cfg, db, database.NewStatements(db), testutil.Logger(t))
	files, store := testutil.Files(t, db)
	service.SetFiles(files)
	index := &recordingIndex{}
	service.SetIndex(index)
	rag.SetClock(service, testutil.NewClock().Now)
	td := &testDocs{service: service, db: db, queries: models.New(db), store: store, index: index}
	td.ada, td.bob = td.user(t, "ada", false), td.user(t, "bob", false)
	td.staff = td.user(t, "staff", true)
	return td
}

func (td *testDocs) user(t testing.TB, name string, staff bool) int64 {
	t.Helper()
	user, err := td.queries.CreateUser(t.Context(), models.CreateUserParams{
		Email: name + "@example.com", PasswordHash: "!", IsStaff: staff, Now: time.Now().UTC()})
	if err != nil {
		t.Fatal(err)
	}
	return user.ID
}

// add adds pasted text as owner and fails the test on an error.
func (td *testDocs) add(t testing.TB, owner int64, title, text string) rag.Document {
	t.Helper()
	doc, err := td.service.AddDocument(t.Context(), owner, rag.NewDocument{Title: title, Text: text})
	if err != nil {
		t.Fatalf("AddDocument: %v", err)
	}
	return doc
}

// recordingIndex is an Index that remembers what it was told, to check that the service tells it.
type recordingIndex struct {
	mu      sync.Mutex
	removed []int64
	shared  map[int64]bool
}

func (x *recordingIndex) Add(context.Context, rag.DocInfo, map[int64][]float32) error { return nil }
func (x *recordingIndex) RemoveDocument(_ context.Context, id int64) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.removed = append(x.removed, id)
	return nil
}
func (x *recordingIndex) SetShared(_ context.Context, id int64, shared bool) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.shared == nil {
		x.shared = map[int64]bool{}
	}
	x.shared[id] = shared
	return nil
}
func (x *recordingIndex) Nearest(context.Context, int64, []float32, int) ([]rag.Match, error) {
	return nil, nil
}
func (x *recordingIndex) Reset(context.Context, int) error { return nil }

func TestAddDocumentSavesChunksAndAJob(t *testing.T) {
	td := newTestDocs(t)
	text := "# Guide\n\nIntro text.\n\n## Install\n\nRun the installer."
	doc, err := td.service.AddDocument(t.Context(), td.ada, rag.NewDocument{Title: " My\nguide ", ContentType: rag.TypeMarkdown, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "My guide" || doc.Status != rag.StatusPending || doc.ChunkCount != 2 || doc.Progress != 0 || doc.OwnerID != td.ada {
		t.Errorf("got %+v, want a pending document of 2 chunks titled %q", doc, "My guide")
	}
	chunks, err := td.service.Chunks(t.Context(), td.ada, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) != 2 || chunks[0].Heading != "Guide" || chunks[1].Heading != "Guide > Install" ||
		chunks[1].Text != "Run the installer." || chunks[1].Position != 1 || chunks[1].ID == 0 {
		t.Errorf("chunks = %+v, want two with their heading paths", chunks)
	}
	var job string
	err = td.db.QueryRow("SELECT status FROM rag_jobs WHERE document_id = " + fmt.Sprint(doc.ID)).Scan(&job)
	if err != nil || job != "pending" {
		t.Errorf("job status %q, %v; want a pending job", job, err)
	}
}

func TestAddDocumentTitles(t *testing.T) {
	td := newTestDocs(t)
	for _, tt := range []struct {
		in   rag.NewDocument
		want string
	}{
		{rag.NewDocument{Title: "Given", Text: "body"}, "Given"},
		{rag.NewDocument{Text: "First words of the text\n\nmore"}, "First words of the text"},
		{rag.NewDocument{Text: strings.Repeat("long ", 100)}, strings.TrimSpace(strings.Repeat("long ", 40))[:199] + "…"},
		{rag.NewDocument{File: strings.NewReader("file body"), FileName: "../notes/Meeting notes.md"}, "Meeting notes"},
	} {
		doc, err := td.service.AddDocument(t.Context(), td.ada, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != tt.want {
			t.Errorf("title %q, want %q", doc.Title, tt.want)
		}
	}
}

// TestAddDocumentFiles: an uploaded file is checked by its bytes, read in its format and kept
// in storage; a refused or failed one leaves no stored file.
func TestAddDocumentFiles(t *testing.T) {
	td := newTestDocs(t, func(c *config.Config) { c.MaxFileUploadMB = 1 })
	tests := []struct {
		name, file, body  string
		wantType, wantErr string
	}{
		{name: "markdown", file: "a.md", body: "# T\n\nbody", wantType: rag.TypeMarkdown},
		{name: "text", file: "a.txt", body: "plain body", wantType: rag.TypeText},
		{name: "html", file: "page.html", body: "<!DOCTYPE html><p>hi</p><script>x()</script>", wantType: rag.TypeHTML},
		{name: "html by its bytes", file: "page.txt", body: "<html><body><p>hi</p></body></html>", wantType: rag.TypeHTML},
		{name: "pdf", file: "report.pdf", body: string(rag.MakePDF("Page one", "Page two")), wantType: rag.TypePDF},
		{name: "pdf without its extension", file: "report", body: string(rag.MakePDF("Text")), wantType: rag.TypePDF},
		{name: "a broken pdf", file: "broken.pdf", body: string(rag.MakePDF("Text")[:300]), wantErr: "cannot be read"},
		{name: "a picture", file: "photo.txt", body: string(testutil.SamplePNG(t)), wantErr: "not accepted"},
		{name: "empty", file: "a.txt", body: "", wantErr: "empty"},
		{name: "NUL bytes", file: "a.txt", body: "a\x00b", wantErr: "not accepted"},
		{name: "only white space", file: "a.txt", body: "   \n\n  ", wantErr: "no text"},
		{name: "too large", file: "a.txt", body: strings.Repeat("word ", 1<<20/5+1), wantErr: "larger than 1 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := testutil.StoredKeys(t, td.store)
			doc, err := td.service.AddDocument(t.Context(), td.ada, rag.NewDocument{File: strings.NewReader(tt.body), FileName: tt.file})
			after := testutil.StoredKeys(t, td.store)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %+v, %v; want an error mentioning %q", doc, err, tt.wantErr)
				}
				if !slices.Equal(before, after) {
					t.Errorf("stored files went from %v to %v, want no new file", before, after)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.ContentType != tt.wantType || doc.UploadKey == "" || !slices.Contains(after, doc.UploadKey) {
				t.Errorf("got %+v, stored %v; want type %s and the file stored", doc, after, tt.wantType)
			}
		})
	}
}

// TestAddDocumentThatFailsLeavesNoFile: when saving fails after the file was stored (here the
// owner does not exist), the file is deleted again.
func TestAddDocumentThatFailsLeavesNoFile(t *testing.T) {
	td := newTestDocs(t)
	_, err := td.service.AddDocument(t.Context(), 999999, rag.NewDocument{File: strings.NewReader("some text"), FileName: "a.txt"})
	if err == nil {
		t.Fatal("a document of a user who does not exist was saved")
	}
	if keys := testutil.StoredKeys(t, td.store); len(keys) != 0 {
		t.Errorf("stored files %v after a failed save, want none", keys)
	}
	var n int
	if err := td.db.QueryRow("SELECT COUNT(*) FROM rag_chunks").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d chunks (%v) after a failed save, want none", n, err)
	}
}

func TestAddDocumentRefusesHostileText(t *testing.T) {
	td := newTestDocs(t, func(c *config.Config) { c.MaxFileUploadMB = 1 })
	tests := []struct {
		name    string
		in      rag.NewDocument
		wantErr string
	}{
		{"empty", rag.NewDocument{Text: ""}, "no text"},
		{"white space", rag.NewDocument{Text: " \t\n\r\n"}, "no text"},
		{"NUL", rag.NewDocument{Text: "a\x00b"}, "NUL"},
		{"broken UTF-8", rag.NewDocument{Text: "a\xffb"}, "UTF-8"},
		{"too large", rag.NewDocument{Text: strings.Repeat("x", 1<<20+1)}, "larger than 1 MB"},
		{"an unknown type", rag.NewDocument{Text: "x", ContentType: "application/zip"}, "plain text, Markdown, HTML or PDF"},
		{"html of scripts only", rag.NewDocument{Text: "<script>alert(1)</script>", ContentType: rag.TypeHTML}, "no text"},
		{"shared by a user who is not staff", rag.NewDocument{Text: "x", Shared: true}, "only staff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := td.service.AddDocument(t.Context(), td.ada, tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %v, want an error mentioning %q", err, tt.wantErr)
			}
		})
	}
	if docs, _ := td.service.Documents(t.Context(), td.ada); len(docs) != 0 {
		t.Errorf("%d documents saved, want none", len(docs))
	}
}

// TestWhoSeesWhat: users see their own documents and the shared ones; only staff share; only
// the owner deletes; someone else's document is "not found", never "forbidden".
func TestWhoSeesWhat(t *testing.T) {
	td := newTestDocs(t)
	ctx := t.Context()
	adas := td.add(t, td.ada, "Ada's", "ada text")
	bobs := td.add(t, td.bob, "Bob's", "bob text")

	if _, err := td.service.Document(ctx, td.bob, adas.ID); !errors.Is(err, rag.ErrNotFound) {
		t.Errorf("Bob reads Ada's document: %v, want ErrNotFound", err)
	}
	if _, err := td.service.Chunks(ctx, td.bob, adas.ID); !errors.Is(err, rag.ErrNotFound) {
		t.Errorf("Bob reads Ada's chunks: %v, want ErrNotFound", err)
	}
	if _, err := td.service.SetShared(ctx, td.ada, adas.ID, true); !errors.Is(err, rag.ErrNotAllowed) {
		t.Errorf("Ada shares her document: %v, want ErrNotAllowed", err)
	}
	shared, err := td.service.SetShared(ctx, td.staff, adas.ID, true)
	if err != nil || !shared.Shared {
		t.Fatalf("staff shares Ada's document: %+v, %v", shared, err)
	}
	if !td.index.shared[adas.ID] {
		t.Error("the index was not told the document is shared")
	}
	if doc, err := td.service.Document(ctx, td.bob, adas.ID); err != nil || doc.Title != "Ada's" {
		t.Errorf("Bob reads the shared document: %+v, %v", doc, err)
	}
	docs, err := td.service.Documents(ctx, td.bob)
	if err != nil || len(docs) != 2 || docs[0].ID != bobs.ID && docs[1].ID != bobs.ID {
		t.Errorf("Bob's list = %+v, %v; want his own and the shared one", docs, err)
	}
	if err := td.service.DeleteDocument(ctx, td.bob, adas.ID); !errors.Is(err, rag.ErrNotFound) {
		t.Errorf("Bob deletes Ada's shared document: %v, want ErrNotFound", err)
	}
	if _, err := td.service.SetShared(ctx, td.staff, 999999, true); !errors.Is(err, rag.ErrNotFound) {
		t.Errorf("sharing a document that does not exist: %v, want ErrNotFound", err)
	}
	if err := td.service.DeleteDocument(ctx, td.ada, adas.ID); err != nil {
		t.Fatalf("Ada deletes her document: %v", err)
	}
	if docs, _ := td.service.Documents(ctx, td.bob); len(docs) != 1 {
		t.Errorf("Bob still sees %d documents after Ada's was deleted, want 1", len(docs))
	}
	if err := td.service.DeleteDocument(ctx, td.ada, adas.ID); !errors.Is(err, rag.ErrNotFound) {
		t.Errorf("deleting it again: %v, want ErrNotFound", err)
	}
}

// TestDeleteDocumentRemovesEverything: its chunks, its job, its vectors (the index) and its
// stored file.
func TestDeleteDocumentRemovesEverything(t *testing.T) {
	td := newTestDocs(t)
	doc, err := td.service.AddDocument(t.Context(), td.ada, rag.NewDocument{File: strings.NewReader("# A\n\ntext"), FileName: "a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if err := td.service.DeleteDocument(t.Context(), td.ada, doc.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"rag_documents", "rag_chunks", "rag_jobs", "uploads"} {
		var n int
		if err := td.db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s has %d rows (%v) after the delete, want none", table, n, err)
		}
	}
	if keys := testutil.StoredKeys(t, td.store); len(keys) != 0 {
		t.Errorf("stored files %v after the delete, want none", keys)
	}
	if !slices.Equal(td.index.removed, []int64{doc.ID}) {
		t.Errorf("the index removed %v, want [%d]", td.index.removed, doc.ID)
	}
}

// TestWithoutIndexOrFiles: a service with no Index, Embedder or uploads still adds, lists and
// deletes pasted documents, and refuses files with a message.
func TestWithoutIndexOrFiles(t *testing.T) {
	cfg := testutil.Config(t)
	db := testutil.NewDB(t)
	service := rag.NewService(cfg, db, database.NewStatements(db), testutil.Logger(t))
	owner, err := models.New(db).CreateUser(t.Context(), models.CreateUserParams{Email: "a@example.com", PasswordHash: "!", Now: time.Now().UTC()})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := service.AddDocument(t.Context(), owner.ID, rag.NewDocument{Text: "hello"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := service.AddDocument(t.Context(), owner.ID, rag.NewDocument{File: strings.NewReader("x"), FileName: "a.txt"}); !errors.Is(err, rag.ErrNoUploads) {
		t.Errorf("a file without uploads: %v, want ErrNoUploads", err)
	}
	if err := service.DeleteDocument(t.Context(), owner.ID, doc.ID); err != nil {
		t.Errorf("delete without an index: %v", err)
	}
}

// TestConcurrentWritersAddDocuments: many users add, share and delete at once; every document
// keeps all its chunks, and none is lost or doubled.
func TestConcurrentWritersAddDocuments(t *testing.T) {
	td := newTestDocs(t)
	const writers, each = 8, 5
	owners := make([]int64, writers)
	for i := range owners {
		owners[i] = td.user(t, fmt.Sprintf("writer%d", i), false)
	}
	text := strings.Repeat("A paragraph of some words to chunk.\n\n", 60)
	testutil.Concurrently(t, writers, each, func(writer, n int) error {
		doc, err := td.service.AddDocument(context.Background(), owners[writer], rag.NewDocument{
			Title: fmt.Sprintf("w%d-%d", writer, n), Text: text})
		if err != nil {
			return err
		}
		if n%2 == 1 {
			if _, err := td.service.SetShared(context.Background(), td.staff, doc.ID, true); err != nil {
				return err
			}
		}
		if n == each-1 {
			return td.service.DeleteDocument(context.Background(), owners[writer], doc.ID)
		}
		return nil
	})
	all, err := td.service.AllDocuments(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != writers*(each-1) {
		t.Fatalf("%d documents, want %d", len(all), writers*(each-1))
	}
	for _, doc := range all {
		chunks, err := td.service.Chunks(t.Context(), doc.OwnerID, doc.ID)
		if err != nil || len(chunks) != doc.ChunkCount || doc.ChunkCount < 2 {
			t.Errorf("%s: %d chunks (%v), want its %d", doc.Title, len(chunks), err, doc.ChunkCount)
		}
	}
	var jobs int
	if err := td.db.QueryRow("SELECT COUNT(*) FROM rag_jobs").Scan(&jobs); err != nil || jobs != len(all) {
		t.Errorf("%d jobs (%v), want one per document (%d)", jobs, err, len(all))
	}
}
