// Tests of Files on a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL) and every
// storage: replacing a file deletes the old objects after the commit, a failed save deletes
// the new ones, concurrent saves keep every file, downloads follow the owner's permission.

package uploads_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"myapp/internal/database"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

// eachFiles runs test once per storage, with a migrated database of its own.
func eachFiles(t *testing.T, test func(t *testing.T, files *uploads.Files, store uploads.Storage, save saver)) {
	eachStorage(t, func(t *testing.T, store uploads.Storage) {
		db := testutil.NewDB(t)
		files := uploads.NewFiles(db, store, "", slog.New(slog.DiscardHandler))
		save := func(ctx context.Context, change *uploads.Change, fail error) error {
			err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
				if err := change.Record(ctx, tx); err != nil {
					return err
				}
				return fail // a save whose other writes failed
			})
			change.Finish(ctx, err == nil)
			return err
		}
		test(t, files, store, save)
	})
}

// saver commits change, or rolls it back when fail is not nil, as a model's service does.
type saver func(ctx context.Context, change *uploads.Change, fail error) error

func acceptedPhoto(t testing.TB) *uploads.Accepted {
	t.Helper()
	upload, err := testPolicy().Accept(uploads.Image, "me.png", bytes.NewReader(encodePNG(t, picture(30, 20))))
	if err != nil {
		t.Fatal(err)
	}
	return upload
}

func TestReplacingAFileDeletesTheOldOneAfterTheCommit(t *testing.T) {
	eachFiles(t, func(t *testing.T, files *uploads.Files, store uploads.Storage, save saver) {
		first := files.Change()
		oldKey, err := first.Add(t.Context(), acceptedPhoto(t), "people")
		if err != nil {
			t.Fatal(err)
		}
		if err := save(t.Context(), first, nil); err != nil {
			t.Fatal(err)
		}
		replace := files.Change()
		newKey, err := replace.Add(t.Context(), acceptedPhoto(t), "people")
		if err != nil {
			t.Fatal(err)
		}
		replace.Remove(oldKey)
		if err := save(t.Context(), replace, nil); err != nil {
			t.Fatal(err)
		}
		keys := listKeys(t, store)
		if len(keys) != 2 || !slices.Contains(keys, newKey) || slices.Contains(keys, oldKey) {
			t.Errorf("stored %v, want only %s and its thumbnail", keys, newKey)
		}
	})
}

func TestAFailedSaveDeletesTheNewFile(t *testing.T) {
	eachFiles(t, func(t *testing.T, files *uploads.Files, store uploads.Storage, save saver) {
		change := files.Change()
		if _, err := change.Add(t.Context(), acceptedPhoto(t), "people"); err != nil {
			t.Fatal(err)
		}
		broken := errors.New("the row broke a rule")
		if err := save(t.Context(), change, broken); !errors.Is(err, broken) {
			t.Fatalf("save = %v, want the row's error", err)
		}
		if keys := listKeys(t, store); len(keys) != 0 {
			t.Errorf("a failed save left %v", keys)
		}
	})
}

func TestConcurrentSavesKeepEveryFile(t *testing.T) {
	eachFiles(t, func(t *testing.T, files *uploads.Files, store uploads.Storage, save saver) {
		const writers = 6
		var wg sync.WaitGroup
		for range writers {
			wg.Go(func() {
				change := files.Change()
				if _, err := change.Add(context.Background(), acceptedPhoto(t), "people"); err != nil {
					t.Error(err)
					return
				}
				if err := save(context.Background(), change, nil); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if keys := listKeys(t, store); len(keys) != 2*writers {
			t.Errorf("%d objects, want %d (each photo and its thumbnail)", len(keys), 2*writers)
		}
		var orphans []string
		if err := files.Orphans(t.Context(), 0, func(key string) error { orphans = append(orphans, key); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(orphans) != 0 {
			t.Errorf("recorded files reported as orphans: %v", orphans)
		}
	})
}

func TestOrphansAreObjectsNoRecordNames(t *testing.T) {
	eachFiles(t, func(t *testing.T, files *uploads.Files, store uploads.Storage, save saver) {
		stray := uploads.NewKey(".txt")
		if err := store.Put(t.Context(), stray, bytes.NewReader([]byte("x")), 1, "text/plain"); err != nil {
			t.Fatal(err)
		}
		for grace, want := range map[time.Duration][]string{0: {stray}, time.Hour: nil} {
			var orphans []string
			if err := files.Orphans(t.Context(), grace, func(key string) error { orphans = append(orphans, key); return nil }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(orphans, want) {
				t.Errorf("Orphans(grace %s) = %v, want %v", grace, orphans, want)
			}
		}
	})
}

// TestDownloadsFollowTheOwnersPermission: a file and its thumbnail are served to those who
// may view its table, under the name it was uploaded with; to others it does not exist.
func TestDownloadsFollowTheOwnersPermission(t *testing.T) {
	eachFiles(t, func(t *testing.T, files *uploads.Files, store uploads.Storage, save saver) {
		change := files.Change()
		key, err := change.Add(t.Context(), acceptedPhoto(t), "people")
		if err != nil {
			t.Fatal(err)
		}
		if err := save(t.Context(), change, nil); err != nil {
			t.Fatal(err)
		}
		keys := listKeys(t, store)
		mux := http.NewServeMux()
		mux.Handle("GET /uploads/{key}", uploads.Serve(store, files.Access(func(r *http.Request, table string) bool {
			return table == "people" && r.Header.Get("X-Test-Staff") == "yes"
		})))
		for _, k := range keys {
			for staff, want := range map[string]int{"yes": 200, "no": 404} {
				req := httptest.NewRequest("GET", "/uploads/"+k, nil)
				req.Header.Set("X-Test-Staff", staff)
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, req)
				if rec.Code != want {
					t.Errorf("GET %s as staff=%s: %d, want %d", k, staff, rec.Code, want)
				}
				if rec.Code == 200 && k == key && rec.Header().Get("Content-Disposition") != `inline; filename=me.png` {
					t.Errorf("Content-Disposition %q, want the uploaded name me.png", rec.Header().Get("Content-Disposition"))
				}
			}
		}
	})
}

// TestFilesOfPublicTablesAreServedToAnyone: MakePublic("people") (a model with public pages)
// serves people's files to anyone, even with no one granted anything (NoOne, an app without
// the admin); the files of other tables stay hidden.
func TestFilesOfPublicTablesAreServedToAnyone(t *testing.T) {
	eachFiles(t, func(t *testing.T, files *uploads.Files, store uploads.Storage, save saver) {
		keys := map[string]string{}
		for _, table := range []string{"people", "receipts"} {
			change := files.Change()
			key, err := change.Add(t.Context(), acceptedPhoto(t), table)
			if err != nil {
				t.Fatal(err)
			}
			if err := save(t.Context(), change, nil); err != nil {
				t.Fatal(err)
			}
			keys[table] = key
		}
		files.MakePublic("people")
		mux := http.NewServeMux()
		mux.Handle("GET /uploads/{key}", files.Serve(uploads.NoOne))
		for _, tt := range []struct {
			key  string
			want int
		}{
			{keys["people"], http.StatusOK},
			{uploads.ThumbnailKey(keys["people"]), http.StatusOK},
			{keys["receipts"], http.StatusNotFound},
			{uploads.ThumbnailKey(keys["receipts"]), http.StatusNotFound},
		} {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest("GET", "/uploads/"+tt.key, nil))
			if rec.Code != tt.want {
				t.Errorf("GET /uploads/%s with no one logged in: %d, want %d", tt.key, rec.Code, tt.want)
			}
		}
	})
}

// TestURLIsTheCDNWhenSet: pages link a file at S3_CDN_URL when it is set, otherwise at the
// app's own /uploads/; no key is no link.
func TestURLIsTheCDNWhenSet(t *testing.T) {
	for _, tt := range []struct{ cdn, key, want string }{
		{"", "abc.png", "/uploads/abc.png"},
		{"https://cdn.example.com", "abc.png", "https://cdn.example.com/abc.png"},
		{"https://cdn.example.com/bucket/", "abc.thumb.jpg", "https://cdn.example.com/bucket/abc.thumb.jpg"},
		{"https://cdn.example.com", "", ""},
	} {
		files := uploads.NewFiles(nil, nil, tt.cdn, slog.New(slog.DiscardHandler))
		if got := files.URL(tt.key); got != tt.want {
			t.Errorf("S3_CDN_URL=%q: URL(%q) = %q, want %q", tt.cdn, tt.key, got, tt.want)
		}
	}
}

// TestUnusedFilesAreThoseNoRowHolds: a recorded file whose row let go of it without a Change
// (a delete in SQL) is found, and Forget deletes its record and objects; one a row holds stays.
func TestUnusedFilesAreThoseNoRowHolds(t *testing.T) {
	eachFiles(t, func(t *testing.T, files *uploads.Files, store uploads.Storage, save saver) {
		change := files.Change()
		kept, err := change.Add(t.Context(), acceptedPhoto(t), "notes")
		if err != nil {
			t.Fatal(err)
		}
		dropped, err := change.Add(t.Context(), acceptedPhoto(t), "notes")
		if err != nil {
			t.Fatal(err)
		}
		if err := save(t.Context(), change, nil); err != nil {
			t.Fatal(err)
		}
		// The notes table stands in for a model: its body column holds the key of a file.
		testutil.InsertRow(t, files.DB(), "INSERT INTO notes (body) VALUES ('"+kept+"') RETURNING id")
		columns := []uploads.Column{{Owner: "notes", Table: "notes", Column: "body"}}
		var unused []string
		if err := files.Unused(t.Context(), 0, columns, func(key string) error { unused = append(unused, key); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(unused, []string{dropped}) {
			t.Fatalf("Unused = %v, want only %s", unused, dropped)
		}
		if err := files.Unused(t.Context(), time.Hour, columns, func(key string) error { t.Errorf("a new file %s is unused", key); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := files.Forget(t.Context(), dropped); err != nil {
			t.Fatal(err)
		}
		if keys := listKeys(t, store); len(keys) != 2 || !slices.Contains(keys, kept) {
			t.Errorf("after Forget: %v, want only %s and its thumbnail", keys, kept)
		}
	})
}
