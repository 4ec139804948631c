// The cost of one photo upload: a 12-megapixel JPEG of about 5 MB checked, stripped of its
// metadata, turned into a thumbnail and stored on disk. Run it with
//   go test ./internal/uploads -run '^$' -bench Upload -benchtime 10x

package uploads_test

import (
	"bytes"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"myapp/internal/uploads"
)

func BenchmarkUploadPhoto12MP(b *testing.B) {
	// A noisy 4000 × 3000 picture at quality 85 is about the size of a phone's photo (5 MB).
	img := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	random := rand.New(rand.NewPCG(1, 2))
	for y := range 3000 {
		for x := range 4000 {
			noise := uint8(random.IntN(48))
			img.SetRGBA(x, y, color.RGBA{uint8(x/16) + noise, uint8(y/12) + noise, 128 + noise, 255})
		}
	}
	photo := addJPEGMetadata(encodeJPEG(b, img, 85), 6)
	policy := testPolicy()
	policy.Image.MaxBytes = 10 << 20
	store, err := uploads.NewFS(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		upload, err := policy.Accept(uploads.Image, "IMG_0001.jpg", bytes.NewReader(photo))
		if err != nil {
			b.Fatal(err)
		}
		key := uploads.NewKey(upload.Extension)
		if err := store.Put(b.Context(), key, bytes.NewReader(upload.Body), upload.Size, upload.ContentType); err != nil {
			b.Fatal(err)
		}
		thumb := uploads.ThumbnailKey(key)
		if err := store.Put(b.Context(), thumb, bytes.NewReader(upload.Thumbnail.Body), int64(len(upload.Thumbnail.Body)), "image/jpeg"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(photo))/(1<<20), "MB/photo")
}
