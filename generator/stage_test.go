package generator

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fastopp/fastopp/scaffolds"
	"github.com/fastopp/fastopp/templates"
)

// TestSweepRemovesOnlyAbandonedStagingFolders lays out, beside an app, folders of runs that
// were killed, of a run still going, and things that only look like staging folders: the
// sweep removes the first kind only, and says so once for each.
func TestSweepRemovesOnlyAbandonedStagingFolders(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "myapp")
	write := func(path, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	killedRun := func(dir string) { // a run file nobody holds a lock on
		write(filepath.Join(dir, runFile), "fastopp run, process 1\ngroup 1\n")
		write(filepath.Join(dir, "main.go"), "package main\n")
	}
	at := func(name string) string { return filepath.Join(parent, name) }
	old := time.Now().Add(-2 * time.Minute)

	live, err := newStage(root) // a run going on at the same time
	if err != nil {
		t.Fatal(err)
	}
	defer live.remove()
	write(filepath.Join(live.dir, "main.go"), "package main\n")
	os.Mkdir(at(".myapp.fastopp-1234"), 0o755) // a run that is just locking its run file
	locking, err := os.Create(filepath.Join(at(".myapp.fastopp-1234"), runFile+".new"))
	if err != nil {
		t.Fatal(err)
	}
	if err := lockFile(locking); err != nil {
		t.Fatal(err)
	}
	defer locking.Close()

	killedRun(at(".myapp.fastopp-111"))
	write(filepath.Join(at(".myapp.fastopp-123"), runFile+".new"), "fastopp run, process 1\n") // killed while locking
	os.Mkdir(at(".myapp.fastopp-444"), 0o755)                                                  // killed before its run file
	os.Chtimes(at(".myapp.fastopp-444"), old, old)
	removed := []string{".myapp.fastopp-111", ".myapp.fastopp-123", ".myapp.fastopp-444"}

	os.Mkdir(at(".myapp.fastopp-445"), 0o755) // empty, but its run may be about to write its run file
	write(filepath.Join(at(".myapp.fastopp-333"), "main.go"), "package main\n")
	killedRun(at(".myapp.fastopp-abc"))
	killedRun(at(".myapp.fastopp-"))
	killedRun(at(".myapp.fastopp--1"))
	killedRun(at(".myapp.fastopp-+1"))
	killedRun(at(".other.fastopp-555"))
	killedRun(at(".myapp-old.fastopp-556"))
	killedRun(at("myapp.fastopp-666"))
	killedRun(at(".MYAPP.fastopp-667"))
	killedRun(at("target"))
	if err := os.Symlink(at("target"), at(".myapp.fastopp-777")); err != nil {
		t.Log("no symbolic links here:", err)
	}
	write(at(".myapp.fastopp-888"), "a file, not a folder")
	killedRun(at("elsewhere"))
	write(filepath.Join(at(".myapp.fastopp-999"), "main.go"), "package main\n")
	os.Symlink(filepath.Join(at("elsewhere"), runFile), filepath.Join(at(".myapp.fastopp-999"), runFile))
	entries, _ := os.ReadDir(parent)

	var log bytes.Buffer
	sweepStale(root, &log)

	for _, e := range entries {
		_, err := os.Lstat(at(e.Name()))
		wantGone := false
		for _, r := range removed {
			wantGone = wantGone || e.Name() == r
		}
		if gone := os.IsNotExist(err); gone != wantGone {
			t.Errorf("%s: removed = %v, want %v", e.Name(), gone, wantGone)
		}
		if said := strings.Contains(log.String(), e.Name()+"."); said != wantGone {
			t.Errorf("%s: said removed = %v, want %v:\n%s", e.Name(), said, wantGone, &log)
		}
	}
	if n := strings.Count(log.String(), "\n"); n != len(removed) {
		t.Errorf("want one line per removed folder, got:\n%s", &log)
	}
	if _, err := os.Stat(filepath.Join(at("target"), runFile)); err != nil {
		t.Errorf("the target of a symbolic link was touched: %v", err)
	}
}

// TestStageRunFileIsGoneFromTheApp checks that the run file does not travel into the app.
func TestStageRunFileIsGoneFromTheApp(t *testing.T) {
	root := filepath.Join(t.TempDir(), "myapp")
	s, err := newStage(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(s.dir, runFile)); err != nil {
		t.Fatalf("no run file in a new staging folder: %v", err)
	}
	if err := s.release(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(s.dir); len(entries) != 0 {
		t.Errorf("released staging folder holds %v", entries)
	}
	var log bytes.Buffer
	sweepStale(root, &log) // released but not yet moved: young and empty, so left alone
	if _, err := os.Stat(s.dir); err != nil || log.Len() > 0 {
		t.Errorf("a released staging folder was swept (%v): %s", err, &log)
	}
	s.remove()
}

// TestSweepFromInsideTheApp is `fastopp add` run in the app's folder: root is ".".
func TestSweepFromInsideTheApp(t *testing.T) {
	parent := t.TempDir()
	app := filepath.Join(parent, "myapp")
	killed := filepath.Join(parent, ".myapp.fastopp-42")
	for _, dir := range []string{app, killed} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(killed, runFile), []byte("group 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(app)
	var log bytes.Buffer
	sweepStale(".", &log)
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("%s is left: %v", killed, err)
	}
	if want := "Removed an interrupted run's staging folder " + filepath.Join("..", ".myapp.fastopp-42") + ".\n"; log.String() != want {
		t.Errorf("said %q, want %q", &log, want)
	}
}

// TestAddModelInterrupted is Ctrl-C while sqlc runs for `add model`: the error says the
// command was interrupted, the app is as it was, and its staging folder is gone.
func TestAddModelInterrupted(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	before := snapshot(t, dir)
	ctx, cancel := context.WithCancel(t.Context())
	sqlc := func(context.Context, string) error { cancel(); return errors.New("signal: killed") }
	o := AddModelOptions{AddOptions: AddOptions{Dir: dir}, Name: "Book", Fields: []string{"title:string"}}
	_, err := AddModel(ctx, templates.FS, scaffolds.FS, o, Tools{SQLC: sqlc}, io.Discard)
	if !errors.Is(err, ErrInterrupted) || strings.Contains(err.Error(), "signal") {
		t.Errorf("error = %v, want only ErrInterrupted", err)
	}
	assertUnchanged(t, dir, before)
	assertNoStaging(t, filepath.Dir(dir))
}
