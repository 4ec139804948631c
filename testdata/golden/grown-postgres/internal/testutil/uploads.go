// Uploads in tests: a small picture to upload, files no image field may accept, the upload
// rules of the default settings, files kept in a folder of the test's own, to look at what is
// stored, and a bucket of the test's own on the S3 server at TEST_S3_ENDPOINT.

package testutil

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

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

// HostileImage is a file that no image field may accept, and a word of the message that
// refuses it.
type HostileImage struct {
	Name     string // what the case is, for t.Run
	Filename string // the name it is sent under: a lie, as often as not
	Body     []byte
	Want     string // in the refusal's message
}

// HostileImages are files the upload rules refuse as images, whatever the size limits:
// types that are not images (HTML, text, a PDF, an SVG with a script, a program), images that
// cannot be read, and bombs whose headers claim more pixels than accepted. The uploads tests
// check Accept with them, and a page with an image upload can send each through its form.
func HostileImages(t testing.TB) []HostileImage {
	t.Helper()
	svg := `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>`
	html := `<!DOCTYPE html><html><body><script>alert(1)</script></body></html>`
	pdf := "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
	return []HostileImage{
		{"an empty file", "empty.png", nil, "empty"},
		{"HTML renamed to .png", "photo.png", []byte(html), "text/html"},
		{"text renamed to .jpg", "photo.jpg", []byte("just words"), "text/plain"},
		{"a PDF as an image", "photo.png", []byte(pdf), "application/pdf"},
		{"SVG with a script as an image", "logo.png", []byte(svg), "image/svg+xml"},
		{"a program as an image", "photo.jpg", append([]byte("MZ\x90\x00"), make([]byte, 200)...), "not accepted"},
		{"a PNG bomb (100000 × 100000)", "bomb.png", pngBomb(t, 100000, 100000), "megapixels"},
		{"a PNG bomb (1 × 2^31)", "bomb.png", pngBomb(t, 1, 1<<31-1), "megapixels"},
		{"a JPEG bomb (65000 × 65000)", "bomb.jpg", jpegBomb(t), "megapixels"},
		{"a PNG cut short", "cut.png", SamplePNG(t)[:60], "cannot be read"},
		{"a JPEG with garbage after its header", "bad.jpg", append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0}, bytes.Repeat([]byte{1}, 100)...), "cannot be read"},
	}
}

// pngBomb is SamplePNG claiming to be width × height pixels.
func pngBomb(t testing.TB, width, height uint32) []byte {
	data := SamplePNG(t)
	ihdr := data[8 : 8+25]
	binary.BigEndian.PutUint32(ihdr[8:], width)
	binary.BigEndian.PutUint32(ihdr[12:], height)
	binary.BigEndian.PutUint32(ihdr[21:], crc32.ChecksumIEEE(ihdr[4:21]))
	return data
}

// jpegBomb is a small JPEG whose frame header claims 65000 × 65000 pixels.
func jpegBomb(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 16)), nil); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	sof := bytes.Index(data, []byte{0xFF, 0xC0})
	binary.BigEndian.PutUint16(data[sof+5:], 65000) // height
	binary.BigEndian.PutUint16(data[sof+7:], 65000) // width
	return data
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

// S3Bucket makes an empty bucket of the test's own on the S3 server at TEST_S3_ENDPOINT and
// returns its settings. Without TEST_S3_ENDPOINT the test is skipped, except in CI.
func S3Bucket(t testing.TB) uploads.S3Settings {
	t.Helper()
	// Tests may read the environment; the app itself only reads it in internal/config.
	endpoint := os.Getenv("TEST_S3_ENDPOINT")
	if endpoint == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TEST_S3_ENDPOINT is not set: CI must start an S3 server (moto_server) and export it")
		}
		t.Skip("TEST_S3_ENDPOINT is not set: start `moto_server -p 9000` and set TEST_S3_ENDPOINT=http://127.0.0.1:9000 to test S3")
	}
	settings := uploads.S3Settings{
		Bucket:    "test-" + strings.ToLower(uploads.NewKey("")),
		Region:    "us-east-1",
		Endpoint:  endpoint,
		AccessKey: "test",
		SecretKey: "test",
	}
	client, err := minio.New(strings.TrimPrefix(endpoint, "http://"), &minio.Options{
		Creds:  credentials.NewStaticV4(settings.AccessKey, settings.SecretKey, ""),
		Region: settings.Region,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.MakeBucket(t.Context(), settings.Bucket, minio.MakeBucketOptions{Region: settings.Region}); err != nil {
		t.Fatalf("make bucket on %s: %v", endpoint, err)
	}
	return settings
}

// S3Storage is the storage of a new, empty bucket on the S3 server at TEST_S3_ENDPOINT.
func S3Storage(t testing.TB) uploads.Storage {
	t.Helper()
	store, err := uploads.NewS3(t.Context(), S3Bucket(t))
	if err != nil {
		t.Fatal(err)
	}
	return store
}
