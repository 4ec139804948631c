// Tests for `uploads clean`: a stored file that no record names is listed, deleted with
// --delete, and a recorded one is left alone.

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"myapp/internal/database"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

func TestUploadsCleanListsThenDeletesOrphans(t *testing.T) {
	dir := t.TempDir()
	values := map[string]string{"DATABASE_URL": testutil.DatabaseURL(t), "UPLOAD_DIR": dir}
	if _, _, err := runCommand(t, t.Context(), env(values), "migrate", "up"); err != nil {
		t.Fatal(err)
	}
	store, err := uploads.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	orphan, recorded := uploads.NewKey(".txt"), uploads.NewKey(".txt")
	for _, key := range []string{orphan, recorded} {
		if err := store.Put(t.Context(), key, bytes.NewReader([]byte("x")), 1, "text/plain"); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-2 * time.Hour) // older than the hour a save may take
		os.Chtimes(filepath.Join(dir, key), old, old)
	}
	db, err := database.Open(t.Context(), values["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	testutil.InsertRow(t, db, "INSERT INTO uploads (object_key, name, content_type, size, owner_table) VALUES ('"+recorded+"', 'a.txt', 'text/plain', 1, 'notes') RETURNING 1")

	stdout, _, err := runCommand(t, t.Context(), env(values), "uploads", "clean")
	if err != nil || !strings.Contains(stdout, orphan) || strings.Contains(stdout, recorded) || !strings.Contains(stdout, "--delete") {
		t.Fatalf("uploads clean: %v\n%s\nwant %s listed, not %s", err, stdout, orphan, recorded)
	}
	if _, err := os.Stat(filepath.Join(dir, orphan)); err != nil {
		t.Errorf("without --delete the orphan must stay: %v", err)
	}
	if stdout, _, err := runCommand(t, t.Context(), env(values), "uploads", "clean", "--delete"); err != nil || !strings.Contains(stdout, "deleted "+orphan) {
		t.Fatalf("uploads clean --delete: %v\n%s", err, stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, orphan)); !os.IsNotExist(err) {
		t.Errorf("the orphan is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, recorded)); err != nil {
		t.Errorf("the recorded file was deleted: %v", err)
	}
	if stdout, _, _ := runCommand(t, t.Context(), env(values), "uploads", "clean"); !strings.Contains(stdout, "No stored file is unused") {
		t.Errorf("after cleaning: %s", stdout)
	}
}
