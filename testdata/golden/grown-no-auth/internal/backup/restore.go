// Restore puts an archive back, in an order that keeps the previous data until the new data
// is whole: check the archive (verify.go), ask, copy the database beside the current one, store
// the files, replace the database in one step (engine.go), and only then delete the files the
// backup does not hold, and apply the migrations the backup predates.

package backup

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path"
	"strings"
	"time"

	"myapp/internal/database"
	"myapp/internal/uploads"
)

// Restored says what a restore did.
type Restored struct {
	Manifest *Manifest
	Files    int      // stored files written
	Removed  int      // stored files deleted because the backup does not hold them
	Applied  []string // migrations applied after the database was put back
}

// Restore puts back the archive at the path archive. confirm is called with the checked manifest before
// anything changes: return an error to stop there.
func (a App) Restore(ctx context.Context, archive string, confirm func(*Manifest) error) (*Restored, error) {
	newest, err := newestMigration(ctx, a.DatabaseURL)
	if err != nil {
		return nil, err
	}
	m, err := verify(archive, newest)
	if err != nil {
		return nil, fmt.Errorf("%s cannot be restored, nothing was changed: %w", archive, err)
	}
	if err := confirm(m); err != nil {
		return nil, err
	}
	target, err := openTarget(ctx, a, m)
	if err != nil {
		return nil, err
	}
	defer target.release()

	restored := &Restored{Manifest: m}
	if err := a.writeEntries(ctx, archive, m, target, restored); err != nil {
		return nil, fmt.Errorf("restore stopped, the database was not changed: %w", err)
	}
	if a.failBeforeCommit {
		target.failBeforeCommit = true
	}
	if err := target.replace(ctx); err != nil {
		return nil, fmt.Errorf("restore stopped, the database was not changed: %w", err)
	}
	// The database is in place: the files that only the replaced data named can go.
	if restored.Removed, err = a.removeOthers(ctx, m); err != nil {
		return restored, fmt.Errorf("the database is restored, but removing files the backup does not hold failed (`go run . uploads clean` finds them): %w", err)
	}
	if restored.Applied, err = migrate(ctx, a.DatabaseURL); err != nil {
		return restored, err
	}
	return restored, nil
}

// writeEntries reads the archive a second time: the database goes to the target's staging
// file, each stored file to the storage; every checksum is checked again on the way.
func (a App) writeEntries(ctx context.Context, archive string, m *Manifest, target *target, restored *Restored) error {
	file, err := os.Open(archive)
	if err != nil {
		return err
	}
	defer file.Close()
	want := make(map[string]Entry, len(m.Entries))
	for _, e := range m.Entries {
		want[e.Name] = e
	}
	var budget int64 = -1 // bytes left before a test's failure; -1 for no test
	if a.failAfter > 0 {
		budget = a.failAfter
	}
	return eachEntry(file, func(h *tar.Header, body io.Reader) error {
		if h.Name == manifestName {
			return nil
		}
		hash := sha256.New()
		body = io.TeeReader(&failingReader{r: body, budget: &budget}, hash)
		check := func() error {
			if hex.EncodeToString(hash.Sum(nil)) != want[h.Name].SHA256 {
				return fmt.Errorf("%s changed since it was checked: is another program writing the archive?", h.Name)
			}
			return nil
		}
		if h.Name == databaseEntry {
			return target.stage(ctx, body, check)
		}
		key := strings.TrimPrefix(h.Name, uploadsPrefix)
		if err := a.Store.Put(ctx, key, body, h.Size, contentType(key)); err != nil {
			return fmt.Errorf("store %s: %w", key, err)
		}
		if err := check(); err != nil {
			a.Store.Delete(ctx, key)
			return err
		}
		restored.Files++
		return nil
	})
}

// removeOthers deletes the stored files that the archive does not hold.
func (a App) removeOthers(ctx context.Context, m *Manifest) (int, error) {
	keep := make(map[string]bool, len(m.Entries))
	for _, e := range m.Entries {
		keep[strings.TrimPrefix(e.Name, uploadsPrefix)] = true
	}
	var others []string
	err := a.Store.List(ctx, func(key string, _ time.Time) error {
		if !keep[key] {
			others = append(others, key)
		}
		return nil
	})
	if errors.Is(err, uploads.ErrDisabled) {
		return 0, nil // STORAGE_TYPE=none: no files to remove
	}
	if err != nil {
		return 0, err
	}
	for _, key := range others {
		if err := a.Store.Delete(ctx, key); err != nil {
			return 0, err
		}
	}
	return len(others), nil
}

// contentType is the type of the file stored under key, told by the extension that the app
// chose from the file's content when it first stored it.
func contentType(key string) string {
	if t := mime.TypeByExtension(path.Ext(key)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// newestMigration is the last migration this app knows (the highest number in migrations/).
func newestMigration(ctx context.Context, databaseURL string) (int64, error) {
	db, err := database.Open(ctx, databaseURL)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	migrator, err := database.NewMigrator(db)
	if err != nil {
		return 0, err
	}
	sources := migrator.ListSources()
	if len(sources) == 0 {
		return 0, nil
	}
	return sources[len(sources)-1].Version, nil
}

// migrate applies the migrations newer than the restored database.
func migrate(ctx context.Context, databaseURL string) ([]string, error) {
	db, err := database.Open(ctx, databaseURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return database.Migrate(ctx, db)
}

// errBroken is the failure a test asks for (export_test.go).
var errBroken = errors.New("the restore was broken on purpose by a test")

// failingReader fails once budget bytes have been read through all of them together; a
// budget below zero never runs out.
type failingReader struct {
	r      io.Reader
	budget *int64
}

func (f *failingReader) Read(p []byte) (int, error) {
	if *f.budget < 0 {
		return f.r.Read(p)
	}
	if *f.budget == 0 {
		return 0, errBroken
	}
	if int64(len(p)) > *f.budget {
		p = p[:*f.budget]
	}
	n, err := f.r.Read(p)
	*f.budget -= int64(n)
	return n, err
}
