// Tests for `backup` and `restore` as a person or cron runs them: the archive's name, --keep
// deleting only this app's older archives, restore refusing to replace data without a yes.

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"myapp/internal/database"
	"myapp/internal/testutil"
)

func TestBackupThenRestoreThroughTheCommands(t *testing.T) {
	needTools(t)
	dir := t.TempDir()
	values := map[string]string{"DATABASE_URL": testutil.DatabaseURL(t), "UPLOAD_DIR": filepath.Join(dir, "uploads")}
	db := testutil.OpenDB(t, values["DATABASE_URL"])
	exec := func(query string) {
		if _, err := db.ExecContext(t.Context(), query); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	exec("INSERT INTO notes (body) VALUES ('kept by the backup')")
	db.Close() // a SQLite database is restored only when no one has it open

	// The database is copied beside the archive, not in the system's temp folder (which on a
	// server may be too small): with no temp folder at all, the backup still works.
	t.Setenv("TMPDIR", filepath.Join(dir, "no-such-folder"))
	stdout, _, err := runCommand(t, t.Context(), env(values), "backup")
	if err != nil || !strings.Contains(stdout, "Backed up the database (migration ") {
		t.Fatalf("backup: %v\n%s", err, stdout)
	}
	archives, _ := filepath.Glob(filepath.Join("backups", appName+"-*.tar.gz"))
	if len(archives) != 1 || !archivePattern.MatchString(filepath.Base(archives[0])) {
		t.Fatalf("backup wrote %v, want one backups/%s-TIME.tar.gz", archives, appName)
	}
	if entries, err := os.ReadDir("backups"); err != nil || len(entries) != 1 {
		t.Errorf("backups/ holds %v (%v), want the archive alone: the database's copy is not cleaned up", entries, err)
	}
	archive, _ := filepath.Abs(archives[0])

	db = testutil.OpenDB(t, values["DATABASE_URL"])
	exec("DELETE FROM notes")
	db.Close()
	// runCommand's standard input is not a terminal: nobody can answer, so nothing is replaced.
	if _, _, err := runCommand(t, t.Context(), env(values), "restore", archive); err == nil || !strings.Contains(err.Error(), "--yes") {
		t.Errorf("restore without a terminal: %v, want a refusal naming --yes", err)
	}
	if notes := countNotes(t, values["DATABASE_URL"]); notes != 0 {
		t.Errorf("%d notes after a refused restore, want 0", notes)
	}
	stdout, _, err = runCommand(t, t.Context(), env(values), "restore", archive, "--yes")
	if err != nil || !strings.Contains(stdout, "Restored the database") {
		t.Fatalf("restore --yes: %v\n%s", err, stdout)
	}
	if notes := countNotes(t, values["DATABASE_URL"]); notes != 1 {
		t.Errorf("%d notes after the restore, want 1", notes)
	}
}

// needTools skips a test that needs PostgreSQL's client tools where they are missing, except
// in CI (where the commands then fail, saying how to install them).
func needTools(t *testing.T) {
	if _, err := exec.LookPath("pg_dump"); err != nil && os.Getenv("CI") == "" {
		t.Skip("pg_dump is not installed: install PostgreSQL's client tools to test backups")
	}
}

func countNotes(t *testing.T, databaseURL string) int {
	t.Helper()
	db, err := database.Open(t.Context(), databaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM notes").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBackupKeepDeletesOnlyThisAppsOlderArchives(t *testing.T) {
	needTools(t)
	dir := filepath.Join(t.TempDir(), "backups")
	others := []string{"notes.tar.gz", "other-20200101T000000Z.tar.gz", appName + "-20200101T000000Z.tar.gz.bak", appName + "-by-hand.tar.gz"}
	older := []string{appName + "-20200101T000000Z.tar.gz", appName + "-20210101T000000Z.tar.gz", appName + "-20220101T000000Z.tar.gz"}
	os.MkdirAll(dir, 0o750)
	for _, name := range append(slices.Clone(others), older...) {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600)
	}
	values := map[string]string{"DATABASE_URL": testutil.DatabaseURL(t), "UPLOAD_DIR": t.TempDir()}
	newest := appName + "-20300101T000000Z.tar.gz"
	stdout, _, err := runCommand(t, t.Context(), env(values), "backup", "--out", filepath.Join(dir, newest), "--keep", "2")
	if err != nil {
		t.Fatalf("backup --keep 2: %v\n%s", err, stdout)
	}
	entries, _ := os.ReadDir(dir)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := append(slices.Clone(others), older[2], newest)
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
	if !strings.Contains(stdout, "Deleted the older") {
		t.Errorf("backup did not say what it deleted:\n%s", stdout)
	}
}
