// Tests of backup and restore on the app's database, with the files on disk and in S3 (when
// TEST_S3_ENDPOINT names a server): a round trip gives back every row and every byte; a
// restore cut short leaves the data as it was; an older backup gets the newer migrations.

package backup_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/backup"
	"myapp/internal/database"
	"myapp/internal/demo"
	"myapp/internal/models"
	"myapp/internal/rag"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

// TestMain makes password hashing cheap: the users of the tests' data are hashed by the dozen.
func TestMain(m *testing.M) {
	auth.DefaultHashParams = testutil.FastHashParams
	os.Exit(m.Run())
}

// fixture is an app's data: a database of the test's own and a storage.
type fixture struct {
	t     *testing.T
	app   backup.App
	store uploads.Storage
}

// eachStorage runs test with the files in a folder, then in a bucket on the S3 server.
func eachStorage(t *testing.T, test func(t *testing.T, f *fixture)) {
	t.Run("fs", func(t *testing.T) {
		t.Parallel()
		store, err := uploads.NewFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		test(t, newFixture(t, store))
	})
	t.Run("s3", func(t *testing.T) {
		t.Parallel()
		test(t, newFixture(t, testutil.S3Storage(t)))
	})
}

// newFixture makes a migrated, empty database for the data in store.
func newFixture(t *testing.T, store uploads.Storage) *fixture {
	t.Helper()
	needTools(t) // engine_test.go
	databaseURL := testutil.DatabaseURL(t)
	testutil.OpenDB(t, databaseURL).Close() // migrated, and closed: a restore needs the file to itself
	app := backup.App{Name: "myapp", FastoppVersion: "test", DatabaseURL: databaseURL, Store: store, Now: testutil.NewClock().Now}
	return &fixture{t: t, app: app, store: store}
}

// db opens the database, closed when the test ends; close it sooner before a restore.
func (f *fixture) db() *sql.DB {
	f.t.Helper()
	db, err := database.Open(f.t.Context(), f.app.DatabaseURL)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { db.Close() })
	return db
}

// fill saves rows in several tables and files with them, as the app would.
func (f *fixture) fill() {
	t := f.t
	t.Helper()
	db := f.db()
	defer db.Close()
	for i := range 5 {
		if _, err := models.New(db).CreateNote(t.Context(), fmt.Sprintf("note %d, with 'quotes' and ünicode", i)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		testutil.InsertRow(t, db, "INSERT INTO users (email, password_hash) VALUES ($1, '!') RETURNING id", fmt.Sprintf("user%d@example.com", i))
	}
	files := uploads.NewFiles(db, f.store, "", testutil.Logger(t))
	for _, kind := range []uploads.Kind{uploads.Image, uploads.Image, uploads.File} {
		change := files.Change()
		if _, err := change.Add(t.Context(), testutil.SampleUpload(t, kind), "notes"); err != nil {
			t.Fatal(err)
		}
		err := database.WriteTx(t.Context(), db, func(tx *sql.Tx) error { return change.Record(t.Context(), tx) })
		change.Finish(t.Context(), err == nil)
		if err != nil {
			t.Fatal(err)
		}
	}
}

// loadDemo adds the demo's sample data, as `go run . demo load` does: products, webinars,
// registrants with photos, users.
func (f *fixture) loadDemo() {
	t := f.t
	t.Helper()
	db := f.db()
	defer db.Close()
	files := uploads.NewFiles(db, f.store, "", testutil.Logger(t))
	loader := demo.NewLoader(db, files, testutil.UploadPolicy(), auth.NewService(testutil.Config(t), db, database.NewStatements(db), testutil.Logger(t)), time.Now, io.Discard)
	documents := rag.NewService(testutil.Config(t), db, database.NewStatements(db), testutil.Logger(t))
	documents.SetFiles(files)
	loader.UseDocuments(documents)
	if err := loader.Load(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// state is everything a restore must give back: every row of every table, and every stored
// file's checksum by key.
type state struct {
	rows  map[string][]string
	files map[string]string
}

func (f *fixture) state() state {
	f.t.Helper()
	db := f.db()
	defer db.Close()
	files := make(map[string]string)
	for _, key := range testutil.StoredKeys(f.t, f.store) {
		body, err := f.store.Open(f.t.Context(), key)
		if err != nil {
			f.t.Fatal(err)
		}
		hash := sha256.New()
		io.Copy(hash, body)
		body.Close()
		files[key] = hex.EncodeToString(hash.Sum(nil))
	}
	return state{rows: testutil.TableRows(f.t, db), files: files}
}

// same reports how got differs from want, or "" when it does not.
func (want state) diff(got state) string {
	var diffs []string
	for table, rows := range want.rows {
		if !slices.Equal(rows, got.rows[table]) {
			diffs = append(diffs, fmt.Sprintf("table %s: %d rows %q, want %d rows %q", table, len(got.rows[table]), got.rows[table], len(rows), rows))
		}
	}
	if len(got.rows) != len(want.rows) {
		diffs = append(diffs, fmt.Sprintf("tables %v, want %v", slices.Sorted(maps.Keys(got.rows)), slices.Sorted(maps.Keys(want.rows))))
	}
	if !maps.Equal(got.files, want.files) {
		diffs = append(diffs, fmt.Sprintf("stored files %v, want %v", got.files, want.files))
	}
	return strings.Join(diffs, "\n")
}

// backup writes an archive of the fixture's data and returns its path.
func (f *fixture) backup() string {
	f.t.Helper()
	path := filepath.Join(f.t.TempDir(), "backup.tar.gz")
	file, err := os.Create(path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer file.Close()
	if _, err := f.app.Create(f.t.Context(), file); err != nil {
		f.t.Fatalf("backup: %v", err)
	}
	return path
}

// damage deletes and changes rows and files, and adds a file the backup does not hold.
func (f *fixture) damage() {
	t := f.t
	t.Helper()
	db := f.db()
	defer db.Close()
	for _, query := range []string{
		"DELETE FROM notes WHERE id IN (SELECT MIN(id) FROM notes)",
		"UPDATE notes SET body = 'changed'",
		"DELETE FROM uploads WHERE object_key IN (SELECT MIN(object_key) FROM uploads)",
		"DELETE FROM users",
	} {
		if _, err := db.ExecContext(t.Context(), query); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	keys := testutil.StoredKeys(t, f.store)
	if err := f.store.Delete(t.Context(), keys[0]); err != nil {
		t.Fatal(err)
	}
	put := func(key, body string) {
		if err := f.store.Put(t.Context(), key, strings.NewReader(body), int64(len(body)), "text/plain"); err != nil {
			t.Fatal(err)
		}
	}
	put(keys[1], "changed bytes")
	put(uploads.NewKey(".txt"), "a file the backup does not hold")
}

// yes confirms every restore, as --yes does.
func yes(*backup.Manifest) error { return nil }

func TestRestoreGivesBackEveryRowAndEveryByte(t *testing.T) {
	eachStorage(t, func(t *testing.T, f *fixture) {
		f.fill()
		f.loadDemo()
		before := f.state()
		archive := f.backup()
		f.damage()
		if f.state().diff(before) == "" {
			t.Fatal("the damage changed nothing")
		}
		restored, err := f.app.Restore(t.Context(), archive, yes)
		if err != nil {
			t.Fatalf("restore: %v", err)
		}
		if diff := f.state().diff(before); diff != "" {
			t.Errorf("after the restore:\n%s", diff)
		}
		if restored.Files != len(before.files) || restored.Removed != 1 || len(restored.Applied) != 0 {
			t.Errorf("restored %d files, removed %d, applied %v; want %d, 1, none", restored.Files, restored.Removed, restored.Applied, len(before.files))
		}
	})
}

func TestARestoreCutShortLeavesTheDataAsItWas(t *testing.T) {
	cases := []struct {
		name   string
		broken func(a backup.App, archive string) backup.App
	}{
		{"while writing the database", func(a backup.App, _ string) backup.App { return backup.FailAfter(a, 1000) }},
		{"while writing the files", func(a backup.App, archive string) backup.App {
			// Past the database, inside the files: the database is the archive's first entry.
			return backup.FailAfter(a, databaseSize(t, archive)+100)
		}},
		{"when replacing the database", func(a backup.App, _ string) backup.App { return backup.FailBeforeCommit(a) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eachStorage(t, func(t *testing.T, f *fixture) {
				f.fill()
				archive := f.backup()
				f.damage()
				before := f.state()
				app := c.broken(f.app, archive)
				if _, err := app.Restore(t.Context(), archive, yes); err == nil {
					t.Fatal("the broken restore succeeded")
				}
				after := f.state()
				if diff := (state{rows: before.rows}).diff(state{rows: after.rows}); diff != "" {
					t.Errorf("the database changed:\n%s", diff)
				}
				for key := range before.files {
					if _, ok := after.files[key]; !ok {
						t.Errorf("the stored file %s was deleted", key)
					}
				}
				if path, ok := strings.CutPrefix(f.app.DatabaseURL, "sqlite:"); ok {
					if left, _ := filepath.Glob(path + ".restore-*"); len(left) > 0 {
						t.Errorf("left behind: %v", left)
					}
				}
			})
		})
	}
}

// databaseSize is the size of the database entry of the archive at path.
func databaseSize(t *testing.T, path string) int64 {
	for _, e := range readArchive(t, path) {
		if strings.HasPrefix(e.name, "database/") {
			return int64(len(e.body))
		}
	}
	t.Fatal("no database in the archive")
	return 0
}

func TestRestoreAppliesTheMigrationsTheBackupPredates(t *testing.T) {
	needTools(t)
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	databaseURL := testutil.DatabaseURL(t)
	db, err := database.Open(t.Context(), databaseURL)
	if err != nil {
		t.Fatal(err)
	}
	migrator, err := database.NewMigrator(db)
	if err != nil {
		t.Fatal(err)
	}
	sources := migrator.ListSources()
	// The app as it was one migration ago.
	if _, err := migrator.UpTo(context.Background(), sources[len(sources)-2].Version); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f := &fixture{t: t, store: store, app: backup.App{Name: "myapp", DatabaseURL: databaseURL, Store: store, Now: testutil.NewClock().Now}}
	archive := f.backup()
	testutil.OpenDB(t, databaseURL).Close() // the app, updated

	restored, err := f.app.Restore(t.Context(), archive, yes)
	if err != nil {
		t.Fatal(err)
	}
	if len(restored.Applied) != 1 || restored.Applied[0] != filepath.Base(sources[len(sources)-1].Path) {
		t.Errorf("applied %v after the restore, want the last migration", restored.Applied)
	}
}

func TestRestoreChangesNothingUntilConfirmed(t *testing.T) {
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, store)
	f.fill()
	stored := len(testutil.StoredKeys(t, store))
	archive := f.backup()
	f.damage()
	before := f.state()
	var asked *backup.Manifest
	no := func(m *backup.Manifest) error {
		asked = m
		return fmt.Errorf("nothing was changed")
	}
	if _, err := f.app.Restore(t.Context(), archive, no); err == nil || err.Error() != "nothing was changed" {
		t.Fatalf("restore answered no: %v", err)
	}
	if asked == nil || asked.Uploads() != stored || asked.App != "myapp" {
		t.Errorf("asked with %+v", asked)
	}
	if diff := f.state().diff(before); diff != "" {
		t.Errorf("changed without a yes:\n%s", diff)
	}
}
