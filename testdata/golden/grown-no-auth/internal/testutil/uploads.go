// Uploads in tests: a small picture to upload, and the upload rules of the default settings.

package testutil

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

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
