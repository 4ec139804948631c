// Tests of Accept: a table of hostile uploads, each refused with a message that says what to
// do; metadata removed from every image type without touching the picture; accepted uploads
// stored and read back through every storage (storage_test.go's eachStorage).

package uploads_test

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"golang.org/x/image/webp"

	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

// testPolicy is the default configuration's policy with small limits, so tests stay quick.
func testPolicy() uploads.Policy {
	policy := testutil.UploadPolicy()
	policy.Image.MaxBytes = 256 << 10
	policy.File.MaxBytes = 64 << 10
	return policy
}

func webpConfig(data []byte) (image.Config, error) {
	return webp.DecodeConfig(bytes.NewReader(data))
}

func TestAcceptRefusesHostileUploads(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>`
	html := `<!DOCTYPE html><html><body><script>alert(1)</script></body></html>`
	type refusal struct {
		name     string
		kind     uploads.Kind
		filename string
		body     []byte
		want     string // in the message
		tooLarge bool
	}
	tests := []refusal{
		{"an image over the limit", uploads.Image, "big.png", bytes.Repeat([]byte("x"), 256<<10+1), "larger than", true},
		{"a file over the limit", uploads.File, "big.txt", bytes.Repeat([]byte("x"), 64<<10+1), "larger than", true},
		{"SVG with a script as a file", uploads.File, "logo.svg", []byte(svg), "image/svg+xml", false},
		{"HTML as a text file", uploads.File, "notes.txt", []byte(html), "text/html", false},
		{"an executable as a file", uploads.File, "cv.pdf", append([]byte("MZ\x90\x00"), make([]byte, 200)...), "not accepted", false},
	}
	// The files no image field may accept, which the pages' tests send through their forms too.
	for _, hostile := range testutil.HostileImages(t) {
		tests = append(tests, refusal{hostile.Name, uploads.Image, hostile.Filename, hostile.Body, hostile.Want, false})
	}
	policy := testPolicy()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			upload, err := policy.Accept(tt.kind, tt.filename, bytes.NewReader(tt.body))
			var refused *uploads.Refused
			if !errors.As(err, &refused) {
				t.Fatalf("Accept = %+v, %v; want it refused", upload, err)
			}
			if !strings.Contains(refused.Message, tt.want) || refused.TooLarge != tt.tooLarge {
				t.Errorf("refused with %q (too large: %v), want a message with %q (too large: %v)",
					refused.Message, refused.TooLarge, tt.want, tt.tooLarge)
			}
		})
	}
}

// TestAcceptKeepsNamesAsDataOnly: whatever the name, the file is accepted under a clean name
// and stored under a key of the app's making.
func TestAcceptKeepsNamesAsDataOnly(t *testing.T) {
	body := encodePNG(t, picture(8, 8))
	tests := []struct{ name, want string }{
		{"../../etc/passwd.png", "passwd.png"},
		{`..\..\windows\win.ini.png`, "win.ini.png"},
		{"/absolute/photo.png", "photo.png"},
		{"..", "upload"},
		{"", "upload"},
		{"photo\x00.php.png", "photo.php.png"},
		{"evil\u202egnp.exe", "evilgnp.exe"},
		{"tab\tand\nnewline.png", "tabandnewline.png"},
		{"broken\xff\xfeutf8.png", "brokenutf8.png"},
		{strings.Repeat("é", 300) + ".png", strings.Repeat("é", 100)},
	}
	policy := testPolicy()
	for _, tt := range tests {
		upload, err := policy.Accept(uploads.Image, tt.name, bytes.NewReader(body))
		if err != nil {
			t.Errorf("Accept(%q): %v", tt.name, err)
			continue
		}
		if upload.Name != tt.want {
			t.Errorf("name %q was kept as %q, want %q", tt.name, upload.Name, tt.want)
		}
		if upload.Extension != ".png" || upload.ContentType != "image/png" {
			t.Errorf("name %q: type %s %s, want image/png .png from the content", tt.name, upload.ContentType, upload.Extension)
		}
	}
}

// TestAcceptRemovesMetadata: EXIF (with GPS), XMP, comments, text chunks and trailing data are
// gone from every image type, and the picture decodes to exactly the same pixels.
func TestAcceptRemovesMetadata(t *testing.T) {
	img := picture(40, 30)
	tests := []struct {
		name   string
		body   []byte
		decode func([]byte) (image.Image, error)
	}{
		{"JPEG", jpegWithMetadata(t, img, 1), func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }},
		{"PNG", pngWithMetadata(t, img), func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }},
		{"GIF", gifWithMetadata(t, img), func(b []byte) (image.Image, error) { return gif.Decode(bytes.NewReader(b)) }},
		{"WebP", webpWithMetadata(t), func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) }},
	}
	policy := testPolicy()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(tt.body, []byte(secret)) {
				t.Fatal("the fixture holds no secret to remove")
			}
			upload, err := policy.Accept(uploads.Image, "photo", bytes.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(upload.Body, []byte(secret)) || bytes.Contains(upload.Thumbnail.Body, []byte(secret)) {
				t.Errorf("the secret is still in the stored image")
			}
			if bytes.Contains(upload.Body, []byte{0x88, 0x25}) && tt.name == "JPEG" {
				t.Errorf("the JPEG still has a GPS tag")
			}
			before, err := tt.decode(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			after, err := tt.decode(upload.Body)
			if err != nil {
				t.Fatalf("the stripped image does not decode: %v", err)
			}
			if !samePixels(before, after) {
				t.Errorf("the picture changed: metadata must be removed without re-encoding")
			}
		})
	}
}

// TestAcceptKeepsTheOrientation: a photo taken with the phone turned keeps its orientation
// (alone, without the rest of EXIF), and its thumbnail is turned upright.
func TestAcceptKeepsTheOrientation(t *testing.T) {
	upload, err := testPolicy().Accept(uploads.Image, "turned.jpg", bytes.NewReader(jpegWithMetadata(t, picture(40, 20), 6)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(upload.Body, []byte{0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, 6}) {
		t.Errorf("the stored JPEG lost its orientation 6")
	}
	thumb, err := jpeg.DecodeConfig(bytes.NewReader(upload.Thumbnail.Body))
	if err != nil {
		t.Fatal(err)
	}
	if thumb.Width != 20 || thumb.Height != 40 {
		t.Errorf("thumbnail is %d × %d, want 20 × 40 (turned upright)", thumb.Width, thumb.Height)
	}
}

func TestAcceptMakesSmallThumbnails(t *testing.T) {
	upload, err := testPolicy().Accept(uploads.Image, "wide.png", bytes.NewReader(encodePNG(t, picture(1000, 500))))
	if err != nil {
		t.Fatal(err)
	}
	thumb, err := jpeg.DecodeConfig(bytes.NewReader(upload.Thumbnail.Body))
	if err != nil {
		t.Fatal(err)
	}
	if thumb.Width != uploads.ThumbnailSize || thumb.Height != uploads.ThumbnailSize/2 || upload.Width != 1000 {
		t.Errorf("thumbnail %d × %d of a %d × %d image, want %d wide", thumb.Width, thumb.Height, upload.Width, upload.Height, uploads.ThumbnailSize)
	}
}

func TestAcceptTakesDocuments(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"notes.txt", "Plain words, nothing more.\n", "text/plain"},
		{"table.csv", "name,age\nAda,36\nAlan,41\n", "text/csv"},
		{"cv.pdf", "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", "application/pdf"},
	}
	for _, tt := range tests {
		upload, err := testPolicy().Accept(uploads.File, tt.name, strings.NewReader(tt.body))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if upload.ContentType != tt.want || upload.Thumbnail != nil {
			t.Errorf("%s: type %s, want %s and no thumbnail", tt.name, upload.ContentType, tt.want)
		}
	}
}

// TestAcceptedUploadsStoreOnEveryStorage: the cleaned image and its thumbnail go into each
// storage under app-made keys and come back byte for byte.
func TestAcceptedUploadsStoreOnEveryStorage(t *testing.T) {
	eachStorage(t, func(t *testing.T, store uploads.Storage) {
		for _, body := range [][]byte{jpegWithMetadata(t, picture(50, 50), 1), pngWithMetadata(t, picture(50, 50))} {
			upload, err := testPolicy().Accept(uploads.Image, "../../x.png", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			key := uploads.NewKey(upload.Extension)
			thumbKey := uploads.ThumbnailKey(key)
			if err := store.Put(t.Context(), key, bytes.NewReader(upload.Body), upload.Size, upload.ContentType); err != nil {
				t.Fatal(err)
			}
			if err := store.Put(t.Context(), thumbKey, bytes.NewReader(upload.Thumbnail.Body), int64(len(upload.Thumbnail.Body)), "image/jpeg"); err != nil {
				t.Fatal(err)
			}
			if got := readAll(t, store, key); got != string(upload.Body) || strings.Contains(got, secret) {
				t.Errorf("stored image differs from the accepted one, or holds the secret")
			}
			if got := readAll(t, store, thumbKey); got != string(upload.Thumbnail.Body) {
				t.Errorf("stored thumbnail differs")
			}
		}
	})
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}
