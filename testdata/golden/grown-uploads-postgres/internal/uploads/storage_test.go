// Tests of the storages: the same table runs on a folder (fs) and on a real S3-compatible
// server when TEST_S3_ENDPOINT names one (`moto_server -p 9000` then
// TEST_S3_ENDPOINT=http://127.0.0.1:9000); without it the S3 cases are skipped, except in CI.

package uploads_test

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"myapp/internal/config"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

// eachStorage runs test once per storage: a fresh folder, and a fresh bucket on the S3 server.
func eachStorage(t *testing.T, test func(t *testing.T, store uploads.Storage)) {
	t.Run("fs", func(t *testing.T) {
		t.Parallel()
		store, err := uploads.NewFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		test(t, store)
	})
	t.Run("s3", func(t *testing.T) {
		t.Parallel()
		test(t, testutil.S3Storage(t))
	})
}

func readAll(t *testing.T, store uploads.Storage, key string) string {
	t.Helper()
	file, err := store.Open(t.Context(), key)
	if err != nil {
		t.Fatalf("open %s: %v", key, err)
	}
	defer file.Close()
	body, err := io.ReadAll(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func listKeys(t *testing.T, store uploads.Storage) []string {
	t.Helper()
	var keys []string
	if err := store.List(t.Context(), func(key string, _ time.Time) error { keys = append(keys, key); return nil }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return keys
}

func TestStoragePutOpenListDelete(t *testing.T) {
	eachStorage(t, func(t *testing.T, store uploads.Storage) {
		key := uploads.NewKey(".txt")
		if err := store.Put(t.Context(), key, strings.NewReader("hello"), 5, "text/plain"); err != nil {
			t.Fatal(err)
		}
		if got := readAll(t, store, key); got != "hello" {
			t.Errorf("read back %q, want hello", got)
		}
		if got := listKeys(t, store); !slices.Equal(got, []string{key}) {
			t.Errorf("List = %v, want [%s]", got, key)
		}
		if err := store.Delete(t.Context(), key); err != nil {
			t.Fatal(err)
		}
		if _, err := store.Open(t.Context(), key); !errors.Is(err, uploads.ErrNotFound) {
			t.Errorf("Open after Delete: %v, want ErrNotFound", err)
		}
		if err := store.Delete(t.Context(), key); err != nil {
			t.Errorf("deleting twice: %v, want no error", err)
		}
	})
}

// TestStorageRefusesKeysItDidNotMake: names someone could send are never used as keys, so
// no path trick reaches a file: every one is refused or not found.
func TestStorageRefusesKeysItDidNotMake(t *testing.T) {
	hostile := []string{
		"../secret.txt", "../../etc/passwd", "/etc/passwd", "a/../../b.txt", "..", ".", "",
		"x.txt\x00.png", "CON.txt", "photo.jpg", "abc/def.png", `..\..\win.ini`,
		strings.Repeat("a", 26) + ".jpg/../x", "%2e%2e%2fetc.txt",
	}
	eachStorage(t, func(t *testing.T, store uploads.Storage) {
		for _, key := range hostile {
			if err := store.Put(t.Context(), key, strings.NewReader("x"), 1, "text/plain"); err == nil {
				t.Errorf("Put(%q) was accepted", key)
			}
			if _, err := store.Open(t.Context(), key); !errors.Is(err, uploads.ErrNotFound) {
				t.Errorf("Open(%q) = %v, want ErrNotFound", key, err)
			}
		}
		if got := listKeys(t, store); len(got) != 0 {
			t.Errorf("hostile keys left objects: %v", got)
		}
	})
}

// TestStorageConcurrentPuts: many uploads at once each land under their own key, whole.
func TestStorageConcurrentPuts(t *testing.T) {
	eachStorage(t, func(t *testing.T, store uploads.Storage) {
		const writers = 8
		keys := make([]string, writers)
		var wg sync.WaitGroup
		for i := range writers {
			keys[i] = uploads.NewKey(".txt")
			wg.Go(func() {
				body := strings.Repeat(string(rune('a'+i)), 1000)
				if err := store.Put(context.Background(), keys[i], strings.NewReader(body), int64(len(body)), "text/plain"); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		for i, key := range keys {
			if got := readAll(t, store, key); got != strings.Repeat(string(rune('a'+i)), 1000) {
				t.Errorf("upload %d came back as %.20q...", i, got)
			}
		}
		if got := listKeys(t, store); len(got) != writers {
			t.Errorf("List has %d keys, want %d", len(got), writers)
		}
	})
}

func TestNoneStorageSaysHowToTurnUploadsOn(t *testing.T) {
	store, err := uploads.New(t.Context(), config.Config{StorageType: config.StorageNone})
	if err != nil {
		t.Fatal(err)
	}
	err = store.Put(t.Context(), uploads.NewKey(".png"), strings.NewReader("x"), 1, "image/png")
	if !errors.Is(err, uploads.ErrDisabled) || !strings.Contains(err.Error(), "STORAGE_TYPE=fs") {
		t.Errorf("Put with STORAGE_TYPE=none: %v, want ErrDisabled saying how to turn uploads on", err)
	}
}

func TestKeysAreRandomAndKeepOnlyTheExtension(t *testing.T) {
	a, b := uploads.NewKey(".jpg"), uploads.NewKey(".jpg")
	if a == b || !uploads.ValidKey(a) || !strings.HasSuffix(a, ".jpg") {
		t.Errorf("NewKey gave %q and %q: want two different valid keys ending in .jpg", a, b)
	}
	if thumb := uploads.ThumbnailKey(a); !uploads.ValidKey(thumb) || thumb == a {
		t.Errorf("ThumbnailKey(%q) = %q", a, thumb)
	}
}
