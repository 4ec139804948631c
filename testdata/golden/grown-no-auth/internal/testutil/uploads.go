// Uploads in tests: a small picture to upload, the upload rules of the default settings, and
// files kept in a folder of the test's own, to look at what is stored.

package testutil

import (
	"bytes"
	"database/sql"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"myapp/internal/config"
	"myapp/internal/uploads"
)

// SamplePNG is a small picture (40 × 30 pixels) to upload in a test.
func SamplePNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// UploadPolicy is what the default settings accept (config.DefaultImageTypes and the rest).
func UploadPolicy() uploads.Policy {
	return uploads.NewPolicy(config.Config{
		MaxUploadMB:     5,
		MaxFileUploadMB: 10,
		ImageTypes:      strings.Split(config.DefaultImageTypes, ","),
		FileTypes:       strings.Split(config.DefaultFileTypes, ","),
	})
}

// SampleUpload is a small file of kind, accepted as the default settings accept it: a picture
// (photo.png, SamplePNG) for uploads.Image, a line of text (notes.txt) for uploads.File.
func SampleUpload(t testing.TB, kind uploads.Kind) *uploads.Accepted {
	t.Helper()
	name, content := "notes.txt", []byte("Some notes.")
	if kind == uploads.Image {
		name, content = "photo.png", SamplePNG(t)
	}
	upload, err := UploadPolicy().Accept(kind, name, bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	return upload
}

// Files returns uploads recorded in db and kept in a folder that goes away with the test, and
// that folder's storage, for StoredKeys.
func Files(t testing.TB, db *sql.DB) (*uploads.Files, uploads.Storage) {
	t.Helper()
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return uploads.NewFiles(db, store, "", Logger(t)), store
}

// StoredKeys lists the key of every object in store, sorted.
func StoredKeys(t testing.TB, store uploads.Storage) []string {
	t.Helper()
	var keys []string
	err := store.List(t.Context(), func(key string, _ time.Time) error {
		keys = append(keys, key)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return keys
}
