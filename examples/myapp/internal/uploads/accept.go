// Accept decides whether an upload may be stored, from its bytes alone: its size, its type as
// the content shows it (never the file's name or the browser's Content-Type), for images that
// they decode and are not too large to decode safely. It removes the images' metadata and
// makes their thumbnails. To accept another type, add its MIME type to UPLOAD_FILE_TYPES.

package uploads

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"

	"myapp/internal/config"
)

// Kind is what an upload field takes.
type Kind int

const (
	Image Kind = iota // a picture: JPEG, PNG, GIF or WebP by default (UPLOAD_IMAGE_TYPES)
	File              // a document: PDF, text, CSV, Office by default (UPLOAD_FILE_TYPES)
)

// MaxPixels is the largest image accepted, in pixels (50 megapixels). An image declares its
// size in a few bytes; a small file that claims 100000 × 100000 pixels would need 40 GB of
// memory to decode (a "decompression bomb"), so the size is checked before decoding.
const MaxPixels = 50_000_000

// Rules are what Accept checks for one kind of upload.
type Rules struct {
	MaxBytes int64    // the largest upload
	Types    []string // the MIME types accepted
}

// Policy holds the rules of both kinds, from the configuration.
type Policy struct {
	Image, File Rules
}

// NewPolicy reads the limits and types of cfg (MAX_UPLOAD_MB, MAX_FILE_UPLOAD_MB,
// UPLOAD_IMAGE_TYPES, UPLOAD_FILE_TYPES).
func NewPolicy(cfg config.Config) Policy {
	const megabyte = 1 << 20
	return Policy{
		Image: Rules{MaxBytes: int64(cfg.MaxUploadMB) * megabyte, Types: cfg.ImageTypes},
		File:  Rules{MaxBytes: int64(cfg.MaxFileUploadMB) * megabyte, Types: cfg.FileTypes},
	}
}

// MaxBytes is the size of the largest upload of either kind: how much larger than a form of
// text fields a form with a file may be (internal/server/input.go).
func (p Policy) MaxBytes() int64 {
	return max(p.Image.MaxBytes, p.File.MaxBytes)
}

// Rules returns the rules of kind.
func (p Policy) Rules(kind Kind) Rules {
	if kind == Image {
		return p.Image
	}
	return p.File
}

// Refused is an upload Accept turned down; its message tells the uploader what to do.
type Refused struct {
	Message  string
	TooLarge bool // answer 413 rather than 400
}

func (r *Refused) Error() string { return r.Message }

// Accepted is an upload that passed, ready to store.
type Accepted struct {
	Name        string // the name it was uploaded with, cleaned: for showing, never for storing
	ContentType string // as the bytes show it, such as image/png
	Extension   string // the usual extension of ContentType, such as .png
	Body        []byte // the file; for images without their metadata
	Size        int64  // len(Body)

	// Images only.
	Width, Height int
	Thumbnail     *Thumbnail
}

// Accept reads an upload of kind from body (at most the kind's MaxBytes) and checks it.
// name is the name the uploader's computer gave the file: it is cleaned and kept as data.
func (p Policy) Accept(kind Kind, name string, body io.Reader) (*Accepted, error) {
	rules := p.Rules(kind)
	data, err := io.ReadAll(io.LimitReader(body, rules.MaxBytes+1))
	// The handler's http.MaxBytesReader (Receive) stops a request body that is larger still.
	var requestTooLarge *http.MaxBytesError
	if errors.As(err, &requestTooLarge) {
		return nil, tooLarge(rules)
	}
	if err != nil {
		return nil, fmt.Errorf("read the upload: %w", err)
	}
	if int64(len(data)) > rules.MaxBytes {
		return nil, tooLarge(rules)
	}
	if len(data) == 0 {
		return nil, &Refused{Message: "The file is empty: choose another one"}
	}
	detected := mimetype.Detect(data)
	contentType, ok := allowedType(detected, rules.Types)
	if !ok {
		return nil, &Refused{Message: fmt.Sprintf("This file is %s, which is not accepted here: upload %s",
			describe(detected), strings.Join(rules.Types, ", "))}
	}
	upload := &Accepted{
		Name:        CleanName(name),
		ContentType: contentType,
		Extension:   detected.Extension(),
		Body:        data,
	}
	if kind == Image {
		if err := upload.prepareImage(); err != nil {
			return nil, err
		}
	}
	upload.Size = int64(len(upload.Body))
	return upload, nil
}

func tooLarge(rules Rules) *Refused {
	return &Refused{
		Message:  fmt.Sprintf("The file is larger than %d MB: make it smaller and upload it again", rules.MaxBytes>>20),
		TooLarge: true,
	}
}

// allowedType returns the accepted type that detected is. Only the type itself counts, not
// the types it derives from: HTML is a kind of text/plain to the detector, and must not pass
// as text.
func allowedType(detected *mimetype.MIME, allowed []string) (string, bool) {
	for _, t := range allowed {
		if detected.Is(t) {
			return t, true
		}
	}
	return "", false
}

// describe names a detected type for a message.
func describe(detected *mimetype.MIME) string {
	t, _, _ := strings.Cut(detected.String(), ";")
	return t
}

// prepareImage checks that the image is safe to decode and decodes, removes its metadata and
// makes its thumbnail.
func (a *Accepted) prepareImage() error {
	width, height, err := imageSize(a.ContentType, a.Body)
	if err != nil {
		return &Refused{Message: "The image cannot be read (" + err.Error() + "): upload another one"}
	}
	if width <= 0 || height <= 0 || int64(width)*int64(height) > MaxPixels {
		return &Refused{Message: fmt.Sprintf("The image is %d × %d pixels, more than the %d megapixels accepted: make it smaller",
			width, height, MaxPixels/1_000_000)}
	}
	stripped, orientation, err := stripMetadata(a.ContentType, a.Body)
	if err != nil {
		return &Refused{Message: "The image cannot be read (" + err.Error() + "): upload another one"}
	}
	picture, err := decodeImage(a.ContentType, stripped)
	if err != nil {
		return &Refused{Message: "The image cannot be read (" + err.Error() + "): upload another one"}
	}
	thumbnail, err := makeThumbnail(picture, orientation)
	if err != nil {
		return err
	}
	a.Body, a.Width, a.Height, a.Thumbnail = stripped, width, height, thumbnail
	return nil
}

// CleanName keeps what a name is good for, showing it and offering it back as a download
// name: no folders, no control characters, no broken UTF-8, at most 200 bytes.
func CleanName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), ".")
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "/" {
		return "upload"
	}
	return name
}
