// Tests for `documents add` waiting for the embeddings and for `documents reindex`, through
// the command line as a student types them: with the offline embedder (no key is set, as in
// a classroom), then with the fake embeddings API as another model.

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"myapp/internal/database"
	"myapp/internal/testutil"
)

// documentsEnv returns the environment of a migrated database with a superuser (who owns
// what `documents add` adds), and a text file to add.
func documentsEnv(t *testing.T) (values map[string]string, file string) {
	t.Helper()
	values = map[string]string{"DATABASE_URL": testutil.DatabaseURL(t), "UPLOAD_DIR": t.TempDir()}
	db, err := database.Open(t.Context(), values["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := database.Migrate(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	testutil.InsertRow(t, db, "INSERT INTO users (email, password_hash, is_staff, is_superuser) VALUES ('admin@example.com', '!', TRUE, TRUE) RETURNING id")
	file = filepath.Join(t.TempDir(), "sourdough.txt")
	if err := os.WriteFile(file, []byte("Feed the starter with flour and water every day.\n\nBake at 250 degrees."), 0o644); err != nil {
		t.Fatal(err)
	}
	return values, file
}

func TestDocumentsAddWaitsForTheEmbeddings(t *testing.T) {
	values, file := documentsEnv(t)
	stdout, _, err := runCommand(t, t.Context(), env(values), "documents", "add", file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "chunks embedded\n") || !strings.HasSuffix(stdout, ": ready (1 chunks)\n") {
		t.Errorf("documents add printed:\n%s\nwant the progress, then ready", stdout)
	}
	stdout, _, err = runCommand(t, t.Context(), env(values), "documents", "add", "--no-wait", file)
	if err != nil || strings.Contains(stdout, "ready") {
		t.Errorf("documents add --no-wait: %v\n%s\nwant it to return before embedding", err, stdout)
	}
	if stdout, _, _ := runCommand(t, t.Context(), env(values), "documents", "list"); !strings.Contains(stdout, "pending (0%)") {
		t.Errorf("documents list:\n%s\nwant the --no-wait document pending", stdout)
	}
}

// TestDocumentsReindexAfterAModelChange: the documents embedded offline, a key is set for
// another model: adding is refused with what to run, and after `documents reindex` every
// document is embedded with the new model.
func TestDocumentsReindexAfterAModelChange(t *testing.T) {
	values, file := documentsEnv(t)
	if _, _, err := runCommand(t, t.Context(), env(values), "documents", "add", file); err != nil {
		t.Fatal(err)
	}

	api := testutil.NewFakeEmbeddings(t, 8)
	values["EMBEDDING_BASE_URL"], values["EMBEDDING_API_KEY"] = api.URL(), testutil.FakeEmbeddingsKey
	values["EMBEDDING_MODEL"], values["EMBEDDING_DIMENSIONS"] = "test/embed", "8"
	_, _, err := runCommand(t, t.Context(), env(values), "documents", "add", file)
	if err == nil || !strings.Contains(err.Error(), "offline-ngram-v1 (384 dimensions) but EMBEDDING_MODEL is now test/embed (8 dimensions)") ||
		!strings.Contains(err.Error(), "run `go run . documents reindex`") {
		t.Fatalf("documents add with another model = %v, want it refused with what to run", err)
	}

	stdout, _, err := runCommand(t, t.Context(), env(values), "documents", "reindex")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout, "2 documents queued to be embedded again with test/embed (8 dimensions).\n") ||
		strings.Count(stdout, "ready (1 chunks)") != 2 {
		t.Errorf("documents reindex printed:\n%s\nwant both documents queued, then ready", stdout)
	}
	if got := len(api.Texts()); got != 2 {
		t.Errorf("the new model embedded %d chunks, want 2", got)
	}

	if stdout, _, err := runCommand(t, t.Context(), env(values), "documents", "reindex", "--no-wait"); err != nil || !strings.HasPrefix(stdout, "2 documents queued") || strings.Contains(stdout, "ready") {
		t.Errorf("documents reindex --no-wait: %v\n%s\nwant it to queue and return", err, stdout)
	}
	if _, _, err := runCommand(t, t.Context(), env(values), "documents", "reindex", "now"); err == nil || !strings.Contains(err.Error(), "usage:") {
		t.Errorf("documents reindex now = %v, want the usage", err)
	}
}

func TestDocumentsAddSaysWhichDocumentFailed(t *testing.T) {
	values, file := documentsEnv(t)
	api := testutil.NewFakeEmbeddings(t, 8)
	values["EMBEDDING_BASE_URL"], values["EMBEDDING_API_KEY"] = api.URL(), "sk-a-wrong-key"
	values["EMBEDDING_MODEL"], values["EMBEDDING_DIMENSIONS"] = "test/embed", "8"
	stdout, _, err := runCommand(t, t.Context(), env(values), "documents", "add", file)
	if err == nil || !strings.Contains(err.Error(), "1 of 1 documents could not be embedded") ||
		!strings.Contains(stdout, ": failed: The embedding service refused the API key: check EMBEDDING_API_KEY") {
		t.Errorf("documents add with a wrong key = %v, printed:\n%s\nwant the document failed with why", err, stdout)
	}
}

// TestServeEmbedsDocumentsInTheBackground: a document added with --no-wait is embedded by the
// worker that serve runs, and serve still stops cleanly on Ctrl+C.
func TestServeEmbedsDocumentsInTheBackground(t *testing.T) {
	values, file := documentsEnv(t)
	if _, _, err := runCommand(t, t.Context(), env(values), "documents", "add", "--no-wait", file); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	addr, done := freeAddress(t), make(chan error, 1)
	var logs testutil.LogBuffer
	go func() {
		done <- run(ctx, []string{"myapp", "serve", "--addr", addr}, env(values), strings.NewReader(""), &logs, &logs)
	}()

	db, err := database.Open(t.Context(), values["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var status string
		if err := db.QueryRowContext(t.Context(), "SELECT status FROM rag_documents").Scan(&status); err != nil {
			t.Fatal(err)
		}
		if status == "ready" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the document is still %s after 20s of serve; its log:\n%s", status, logs.String())
		}
	}
	cancel() // what Ctrl+C does
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}
