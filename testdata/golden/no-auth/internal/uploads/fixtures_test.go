// Hostile and ordinary files for the uploads tests, made in code so each test shows what it
// holds. testdata/blue-purple-pink.webp is from golang.org/x/image's tests (BSD licence).

package uploads_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"testing"
)

// secret is planted in every piece of metadata; after Accept it must appear nowhere.
const secret = "SECRET-51.5007N-0.1246W"

// picture is a w × h image with a gradient, so thumbnails and comparisons have something to see.
func picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// jpegSegment is one JPEG segment: marker, length, payload.
func jpegSegment(marker byte, payload []byte) []byte {
	segment := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(segment[2:], uint16(len(payload)+2))
	return append(segment, payload...)
}

// exifWithGPS is an APP1 EXIF payload (big-endian TIFF) with an orientation, a GPS block and,
// in it, the secret as the GPS processing method.
func exifWithGPS(orientation uint16) []byte {
	var tiff []byte
	tiff = append(tiff, "MM\x00\x2a\x00\x00\x00\x08"...)
	// IFD0 at 8: two entries (Orientation, GPSInfo pointer), next IFD 0.
	tiff = binary.BigEndian.AppendUint16(tiff, 2)
	tiff = append(tiff, 0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(orientation>>8), byte(orientation), 0, 0)
	gpsAt := uint32(8 + 2 + 24 + 4)
	tiff = append(tiff, 0x88, 0x25, 0, 4, 0, 0, 0, 1)
	tiff = binary.BigEndian.AppendUint32(tiff, gpsAt)
	tiff = append(tiff, 0, 0, 0, 0)
	// GPS IFD: one entry, GPSProcessingMethod (0x001B, UNDEFINED) pointing at the secret.
	tiff = binary.BigEndian.AppendUint16(tiff, 1)
	tiff = append(tiff, 0x00, 0x1B, 0, 7)
	tiff = binary.BigEndian.AppendUint32(tiff, uint32(len(secret)))
	tiff = binary.BigEndian.AppendUint32(tiff, gpsAt+2+12+4)
	tiff = append(tiff, 0, 0, 0, 0)
	tiff = append(tiff, secret...)
	return append([]byte("Exif\x00\x00"), tiff...)
}

// jpegWithMetadata is a JPEG carrying the secret in EXIF GPS, XMP, a comment and after its end.
func jpegWithMetadata(t testing.TB, img image.Image, orientation uint16) []byte {
	return addJPEGMetadata(encodeJPEG(t, img, 90), orientation)
}

// addJPEGMetadata plants the secret in the JPEG plain (see jpegWithMetadata).
func addJPEGMetadata(plain []byte, orientation uint16) []byte {
	var out []byte
	out = append(out, plain[:2]...) // SOI
	out = append(out, jpegSegment(0xE1, exifWithGPS(orientation))...)
	out = append(out, jpegSegment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>"+secret+"</x:xmpmeta>"))...)
	out = append(out, jpegSegment(0xFE, []byte(secret))...)
	out = append(out, plain[2:]...)
	return append(out, secret...) // data after the end of the image
}

// pngChunk is one PNG chunk with its CRC.
func pngChunk(kind string, data []byte) []byte {
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, kind...)
	chunk = append(chunk, data...)
	return binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
}

// pngWithMetadata is a PNG carrying the secret in tEXt, iTXt, eXIf and after IEND.
func pngWithMetadata(t testing.TB, img image.Image) []byte {
	plain := encodePNG(t, img)
	const afterIHDR = 8 + 25
	var out []byte
	out = append(out, plain[:afterIHDR]...)
	out = append(out, pngChunk("tEXt", []byte("Comment\x00"+secret))...)
	out = append(out, pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"+secret))...)
	out = append(out, pngChunk("eXIf", exifWithGPS(1)[6:])...)
	out = append(out, plain[afterIHDR:]...)
	return append(out, secret...)
}

// gifWithMetadata is a GIF carrying the secret in a comment and an XMP application block.
func gifWithMetadata(t testing.TB, img image.Image) []byte {
	plain := encodeGIF(t, img)
	trailer := len(plain) - 1 // the last byte, 0x3B
	var out []byte
	out = append(out, plain[:trailer]...)
	out = append(out, 0x21, 0xFE, byte(len(secret)))
	out = append(out, secret...)
	out = append(out, 0, 0x21, 0xFF, 11)
	out = append(out, "XMP DataXMP"...)
	out = append(out, byte(len(secret)))
	out = append(out, secret...)
	out = append(out, 0, 0x3B)
	return out
}

// webpWithMetadata wraps the test WebP in an extended (VP8X) file with EXIF and XMP chunks.
func webpWithMetadata(t testing.TB) []byte {
	plain, err := os.ReadFile("testdata/blue-purple-pink.webp")
	if err != nil {
		t.Fatal(err)
	}
	config, err := webpConfig(plain)
	if err != nil {
		t.Fatal(err)
	}
	chunk := func(name string, data []byte) []byte {
		c := append([]byte(name), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
		c = append(c, data...)
		if len(data)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	vp8x := []byte{0x08 | 0x04, 0, 0, 0} // flags: EXIF and XMP present
	vp8x = append(vp8x, byte(config.Width-1), byte((config.Width-1)>>8), byte((config.Width-1)>>16))
	vp8x = append(vp8x, byte(config.Height-1), byte((config.Height-1)>>8), byte((config.Height-1)>>16))
	body := []byte("WEBP")
	body = append(body, chunk("VP8X", vp8x)...)
	body = append(body, plain[12:]...) // the VP8 chunk
	body = append(body, chunk("EXIF", exifWithGPS(1)[6:])...)
	body = append(body, chunk("XMP ", []byte("<x:xmpmeta>"+secret+"</x:xmpmeta>"))...)
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}
