// Package uploads stores the files people upload and checks them first. Storage is where the
// bytes go (a folder on disk, or an S3-compatible bucket, chosen by STORAGE_TYPE); Accept
// (accept.go) decides whether an upload may be stored at all.
// To add a place to store files, write a type with the four methods of Storage and a case in New.

package uploads

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"myapp/internal/config"
)

// Storage keeps uploaded files under keys that the app makes (NewKey), never under a name
// someone sent: that is what makes path tricks such as ../ impossible.
type Storage interface {
	// Put stores size bytes read from body under key, with the content type the app found.
	Put(ctx context.Context, key string, body io.Reader, size int64, contentType string) error
	// Open returns the file stored under key; the caller closes it. A missing key is ErrNotFound.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes key; deleting a key that is not there is not an error.
	Delete(ctx context.Context, key string) error
	// List calls each with every stored key and when it was stored, for `go run . uploads clean`.
	List(ctx context.Context, each func(key string, stored time.Time) error) error
}

// ErrNotFound is returned by Open for a key that is not stored.
var ErrNotFound = errors.New("no such upload")

// ErrDisabled is returned by every method of the storage of STORAGE_TYPE=none.
var ErrDisabled = errors.New("uploads are turned off (STORAGE_TYPE=none): set STORAGE_TYPE=fs or STORAGE_TYPE=s3 to accept files")

// New returns the storage that cfg.StorageType names.
func New(ctx context.Context, cfg config.Config) (Storage, error) {
	switch cfg.StorageType {
	case config.StorageFS:
		return NewFS(cfg.UploadDir)
	case config.StorageS3:
		return NewS3(ctx, S3Settings{
			Bucket:    cfg.S3Bucket,
			Region:    cfg.S3Region,
			Endpoint:  cfg.S3EndpointURL,
			AccessKey: cfg.S3AccessKey,
			SecretKey: cfg.S3SecretKey,
		})
	case config.StorageNone:
		return disabled{}, nil
	}
	return nil, fmt.Errorf("STORAGE_TYPE %q is not fs, s3 or none", cfg.StorageType)
}

// keyPattern is every key NewKey can make: 26 random lowercase letters and digits, maybe
// ".thumb", and an extension. Nothing else is ever opened, so no key can climb out of its folder.
var keyPattern = regexp.MustCompile(`^[a-z2-7]{26}(\.thumb)?\.[a-z0-9]{1,5}$`)

// ValidKey reports whether key is one NewKey could have made.
func ValidKey(key string) bool {
	return keyPattern.MatchString(key)
}

// NewKey returns a fresh random key ending in ext (such as ".jpg"): 130 random bits, so two
// uploads never meet and nobody can guess another's address.
func NewKey(ext string) string {
	return strings.ToLower(rand.Text()) + ext
}

// ThumbnailKey is where the thumbnail of the image stored under key is kept (a JPEG).
func ThumbnailKey(key string) string {
	base, _, _ := strings.Cut(key, ".")
	return base + ".thumb.jpg"
}

// disabled is the storage of STORAGE_TYPE=none: it refuses everything with the same message.
type disabled struct{}

func (disabled) Put(context.Context, string, io.Reader, int64, string) error { return ErrDisabled }
func (disabled) Open(context.Context, string) (io.ReadCloser, error)         { return nil, ErrDisabled }
func (disabled) Delete(context.Context, string) error                        { return ErrDisabled }
func (disabled) List(context.Context, func(string, time.Time) error) error   { return ErrDisabled }

// URL is the address of the upload stored under key: in the bucket's public address when
// S3_CDN_URL is set, otherwise the app's own /uploads/ route, which checks who may see it.
func URL(cdnURL, key string) string {
	if cdnURL != "" {
		return strings.TrimSuffix(cdnURL, "/") + "/" + key
	}
	return "/uploads/" + key
}
