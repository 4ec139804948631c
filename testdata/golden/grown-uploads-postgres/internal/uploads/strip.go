// Removing metadata from PNG, WebP and GIF images without decoding them: each format is a list
// of chunks or blocks, and only those that draw the picture are copied. (JPEG: strip_jpeg.go.)
// Text chunks, EXIF and XMP can hold a GPS position, a name or a date the uploader never meant
// to publish.

package uploads

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// stripMetadata returns the image in data without its metadata, and its EXIF orientation
// (1 means upright; only JPEGs from cameras carry another).
func stripMetadata(contentType string, data []byte) ([]byte, int, error) {
	var out []byte
	var err error
	switch contentType {
	case "image/jpeg":
		return stripJPEG(data)
	case "image/png":
		out, err = stripPNG(data)
	case "image/webp":
		out, err = stripWebP(data)
	case "image/gif":
		out, err = stripGIF(data)
	default:
		return nil, 0, errors.New("no way to remove the metadata of " + contentType)
	}
	return out, 1, err
}

var errBadPNG = errors.New("the PNG's structure is broken")

// pngKept are the chunks that affect how the picture looks; all others (tEXt, zTXt, iTXt,
// eXIf, tIME and any private chunk) are dropped. acTL, fcTL and fdAT make an animated PNG.
var pngKept = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true, "tRNS": true, "gAMA": true,
	"cHRM": true, "sRGB": true, "iCCP": true, "sBIT": true, "pHYs": true, "bKGD": true,
	"hIST": true, "acTL": true, "fcTL": true, "fdAT": true,
}

// stripPNG copies the signature and the kept chunks, up to IEND (anything after it is dropped).
func stripPNG(data []byte) ([]byte, error) {
	const signature = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(data, []byte(signature)) {
		return nil, errBadPNG
	}
	out := append(make([]byte, 0, len(data)), signature...)
	for at := len(signature); ; {
		// A chunk: 4 bytes of length, 4 of type, the data, 4 of CRC.
		if at+8 > len(data) {
			return nil, errBadPNG
		}
		length := int(binary.BigEndian.Uint32(data[at:]))
		kind := string(data[at+4 : at+8])
		end := at + 12 + length
		if end > len(data) || end < at {
			return nil, errBadPNG
		}
		if pngKept[kind] {
			out = append(out, data[at:end]...)
		}
		if kind == "IEND" {
			return out, nil
		}
		at = end
	}
}

var errBadWebP = errors.New("the WebP's structure is broken")

// stripWebP drops the EXIF and XMP chunks of a RIFF WebP file and clears their flags in the
// VP8X header (simple WebP files have no metadata at all).
func stripWebP(data []byte) ([]byte, error) {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, errBadWebP
	}
	size := int(binary.LittleEndian.Uint32(data[4:]))
	if size+8 > len(data) || size < 4 {
		return nil, errBadWebP
	}
	data = data[:size+8] // anything after the RIFF file is dropped
	out := append(make([]byte, 0, len(data)), data[:12]...)
	for at := 12; at < len(data); {
		// A chunk: 4 bytes of name, 4 of size (little-endian), the data padded to an even size.
		if at+8 > len(data) {
			return nil, errBadWebP
		}
		name := string(data[at : at+4])
		length := int(binary.LittleEndian.Uint32(data[at+4:]))
		end := at + 8 + length + length%2
		if end > len(data) || end < at {
			return nil, errBadWebP
		}
		switch name {
		case "EXIF", "XMP ":
		case "VP8X":
			chunk := append([]byte{}, data[at:end]...)
			if len(chunk) > 8 {
				const exifFlag, xmpFlag = 0x08, 0x04 // the colour profile's flag (0x20) stays
				chunk[8] &^= exifFlag | xmpFlag
			}
			out = append(out, chunk...)
		default:
			out = append(out, data[at:end]...)
		}
		at = end
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}

var errBadGIF = errors.New("the GIF's structure is broken")

// stripGIF drops comment blocks and application blocks other than the looping of an
// animation (NETSCAPE2.0, ANIMEXTS1.0): XMP travels in an application block.
func stripGIF(data []byte) ([]byte, error) {
	if len(data) < 13 || (string(data[:6]) != "GIF87a" && string(data[:6]) != "GIF89a") {
		return nil, errBadGIF
	}
	at := 13 + colorTableSize(data[10])
	if at > len(data) {
		return nil, errBadGIF
	}
	out := append(make([]byte, 0, len(data)), data[:at]...)
	for at < len(data) {
		start := at
		switch data[at] {
		case 0x3B: // trailer: the end; anything after it is dropped
			return append(out, 0x3B), nil
		case 0x2C: // an image: descriptor, local colour table, LZW code size, data blocks
			if at+10 > len(data) {
				return nil, errBadGIF
			}
			at += 10 + colorTableSize(data[at+9]) + 1
			end, err := skipSubBlocks(data, at)
			if err != nil {
				return nil, err
			}
			out = append(out, data[start:end]...)
			at = end
		case 0x21: // an extension: label, then data blocks
			if at+2 > len(data) {
				return nil, errBadGIF
			}
			end, err := skipSubBlocks(data, at+2)
			if err != nil {
				return nil, err
			}
			if keepGIFExtension(data[at+1], data[at+2:end]) {
				out = append(out, data[start:end]...)
			}
			at = end
		default:
			return nil, errBadGIF
		}
	}
	return nil, errBadGIF
}

// colorTableSize is the size of the colour table a GIF's packed byte announces.
func colorTableSize(packed byte) int {
	if packed&0x80 == 0 {
		return 0
	}
	return 3 << (packed&0x07 + 1)
}

// skipSubBlocks returns the position after the data blocks starting at at (each a length
// byte and that many bytes, ended by a zero length).
func skipSubBlocks(data []byte, at int) (int, error) {
	for at < len(data) {
		n := int(data[at])
		at += 1 + n
		if n == 0 {
			return at, nil
		}
	}
	return 0, errBadGIF
}

// keepGIFExtension keeps graphic control (frame delays, transparency), plain text and
// the looping of animations; it drops comments (0xFE) and other application data (XMP).
func keepGIFExtension(label byte, blocks []byte) bool {
	switch label {
	case 0xF9, 0x01:
		return true
	case 0xFF:
		return len(blocks) >= 12 && (string(blocks[1:12]) == "NETSCAPE2.0" || string(blocks[1:12]) == "ANIMEXTS1.0")
	}
	return false
}
