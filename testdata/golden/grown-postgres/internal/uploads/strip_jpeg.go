// Removing metadata from a JPEG without decoding it: a JPEG is a list of segments, and the
// ones that carry EXIF (camera, GPS position, dates), XMP, IPTC and comments are simply not
// copied. The picture's own bytes are kept as they are, so nothing is lost or re-compressed.

package uploads

import (
	"encoding/binary"
	"errors"
)

var errBadJPEG = errors.New("the JPEG's structure is broken")

// JPEG markers: each segment starts with 0xFF and one of these.
const (
	jpegSOI   = 0xD8 // start of image
	jpegEOI   = 0xD9 // end of image
	jpegSOS   = 0xDA // start of scan: the compressed picture follows
	jpegAPP0  = 0xE0 // JFIF: harmless, kept
	jpegAPP1  = 0xE1 // EXIF and XMP: dropped (an EXIF orientation is written back alone)
	jpegAPP2  = 0xE2 // ICC colour profile (kept) or FlashPix and MPF (dropped)
	jpegAPP14 = 0xEE // Adobe colour transform: needed to decode CMYK, kept
	jpegAPP15 = 0xEF
	jpegCOM   = 0xFE // a comment: dropped
)

// stripJPEG returns data without its metadata segments and without anything after the end
// of the picture. An EXIF orientation (a phone held upright) is kept in a new, minimal EXIF
// segment so the photo still shows the right way up; it is also returned for the thumbnail.
func stripJPEG(data []byte) (out []byte, orientation int, err error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != jpegSOI {
		return nil, 0, errBadJPEG
	}
	out = make([]byte, 0, len(data))
	out = append(out, 0xFF, jpegSOI)
	orientation = 1
	at := 2
	wroteOrientation := false
	for {
		marker, next, err := jpegMarker(data, at)
		if err != nil {
			return nil, 0, err
		}
		if marker == jpegEOI {
			return append(out, 0xFF, jpegEOI), orientation, nil
		}
		if next+2 > len(data) {
			return nil, 0, errBadJPEG
		}
		length := int(binary.BigEndian.Uint16(data[next:]))
		end := next + length
		if length < 2 || end > len(data) {
			return nil, 0, errBadJPEG
		}
		segment, payload := data[at:end], data[next+2:end]
		if marker == jpegAPP1 && orientation == 1 {
			orientation = exifOrientation(payload)
		}
		if keepJPEGSegment(marker, payload) {
			// The orientation goes right after JFIF (APP0), where readers expect EXIF.
			if !wroteOrientation && marker != jpegAPP0 && orientation != 1 {
				out = append(out, orientationSegment(orientation)...)
				wroteOrientation = true
			}
			out = append(out, segment...)
		}
		at = end
		if marker == jpegSOS {
			// The compressed data runs until the next marker that is not a stuffed 0xFF00 or
			// a restart marker (0xFFD0-0xFFD7); progressive JPEGs then have more segments.
			if at, err = skipScan(data, at); err != nil {
				return nil, 0, err
			}
			out = append(out, data[end:at]...)
		}
	}
}

// jpegMarker reads the marker at data[at] (skipping fill bytes 0xFF) and returns it with the
// position just after it.
func jpegMarker(data []byte, at int) (marker byte, next int, err error) {
	if at >= len(data) || data[at] != 0xFF {
		return 0, 0, errBadJPEG
	}
	for at < len(data) && data[at] == 0xFF {
		at++
	}
	if at >= len(data) {
		return 0, 0, errBadJPEG
	}
	return data[at], at + 1, nil
}

// skipScan returns the position of the first marker after the compressed data starting at at.
func skipScan(data []byte, at int) (int, error) {
	for i := at; i+1 < len(data); i++ {
		if data[i] != 0xFF {
			continue
		}
		if b := data[i+1]; b != 0x00 && b != 0xFF && (b < 0xD0 || b > 0xD7) {
			return i, nil
		}
	}
	return 0, errBadJPEG
}

// keepJPEGSegment says which segments describe the picture (kept) and which describe the
// camera, the place or the author (dropped).
func keepJPEGSegment(marker byte, payload []byte) bool {
	switch {
	case marker == jpegCOM:
		return false
	case marker == jpegAPP2:
		return len(payload) >= 12 && string(payload[:12]) == "ICC_PROFILE\x00"
	case marker == jpegAPP0 || marker == jpegAPP14:
		return true
	case marker >= jpegAPP1 && marker <= jpegAPP15:
		return false
	}
	return true
}

// exifOrientation reads the Orientation tag (0x0112) from an APP1 EXIF payload: 1 (upright)
// to 8, or 1 when there is none.
func exifOrientation(payload []byte) int {
	if len(payload) < 14 || string(payload[:6]) != "Exif\x00\x00" {
		return 1
	}
	tiff := payload[6:]
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return 1
	}
	count := int(order.Uint16(tiff[ifd:]))
	for i := range count {
		entry := ifd + 2 + 12*i
		if entry+12 > len(tiff) {
			return 1
		}
		if order.Uint16(tiff[entry:]) == 0x0112 {
			if value := int(order.Uint16(tiff[entry+8:])); value >= 1 && value <= 8 {
				return value
			}
			return 1
		}
	}
	return 1
}

// orientationSegment is an APP1 EXIF segment that holds nothing but the orientation.
func orientationSegment(orientation int) []byte {
	return []byte{
		0xFF, jpegAPP1, 0x00, 34, // marker, length 34
		'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0x00, 0x2A, 0, 0, 0, 8, // big-endian TIFF, first IFD at 8
		0x00, 0x01, // one entry:
		0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, byte(orientation), 0, 0, // Orientation, SHORT, 1, value
		0, 0, 0, 0, // no next IFD
	}
}
