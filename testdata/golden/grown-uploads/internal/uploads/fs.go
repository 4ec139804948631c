// FS stores uploads as files in one folder (STORAGE_TYPE=fs, UPLOAD_DIR). On a server that
// folder must be on a disk that survives deploys: fly.toml mounts a volume at /data.

package uploads

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// FS is a Storage in a folder on disk.
type FS struct {
	dir string
}

// NewFS returns the storage in dir. The folder is made by the first upload, so an app that
// never receives one leaves no empty folder behind.
func NewFS(dir string) (*FS, error) {
	if dir == "" {
		return nil, errors.New("UPLOAD_DIR is empty: set it to a folder, such as data/uploads")
	}
	return &FS{dir: dir}, nil
}

// root opens the folder as an os.Root: every name is then resolved inside it, so even a key
// that got past ValidKey could not reach a file outside (no "..", no symbolic links out).
func (s *FS) root() (*os.Root, error) {
	return os.OpenRoot(s.dir)
}

// Put writes the file under a temporary name and renames it, so a reader never sees half a
// file and a failed upload leaves nothing behind.
func (s *FS) Put(ctx context.Context, key string, body io.Reader, size int64, contentType string) error {
	if !ValidKey(key) {
		return fmt.Errorf("put %q: not a key made by NewKey", key)
	}
	if err := os.MkdirAll(s.dir, 0o750); err != nil {
		return fmt.Errorf("create UPLOAD_DIR %s: %w (set UPLOAD_DIR to a folder the app may write)", s.dir, err)
	}
	root, err := s.root()
	if err != nil {
		return err
	}
	defer root.Close()
	temporary := key + ".partial"
	file, err := root.OpenFile(temporary, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	_, err = io.Copy(file, body)
	if closeErr := file.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = root.Rename(temporary, key)
	}
	if err != nil {
		root.Remove(temporary)
		return fmt.Errorf("store upload %s: %w", key, err)
	}
	return nil
}

// Open returns the file stored under key.
func (s *FS) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if !ValidKey(key) {
		return nil, ErrNotFound
	}
	root, err := s.root()
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound // nothing was ever uploaded
	}
	if err != nil {
		return nil, err
	}
	defer root.Close() // an open file stays readable after its Root is closed
	file, err := root.Open(key)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	return file, err
}

// Delete removes the file stored under key.
func (s *FS) Delete(ctx context.Context, key string) error {
	if !ValidKey(key) {
		return nil
	}
	root, err := s.root()
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.Remove(key); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// List calls each with the key of every stored file (files that are not keys, such as a
// .partial left by a crash, are skipped).
func (s *FS) List(ctx context.Context, each func(key string, stored time.Time) error) error {
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // nothing was ever uploaded
	}
	if err != nil {
		return err
	}
	for _, entry := range entries {
		if !entry.Type().IsRegular() || !ValidKey(entry.Name()) {
			continue
		}
		info, err := entry.Info()
		if err != nil {
			continue // removed since ReadDir
		}
		if err := each(entry.Name(), info.ModTime()); err != nil {
			return err
		}
	}
	return nil
}
