// Create writes a backup: a copy of the database taken while the app keeps serving
// (engine.go), then every stored file, then the manifest with each entry's checksum.

package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"myapp/internal/database"
	"myapp/internal/uploads"
)

// App is what a backup holds and a restore replaces: the app's database and its uploads.
type App struct {
	Name           string // the app's name, written in the manifest
	FastoppVersion string // the fastopp that generated the app, written in the manifest
	DatabaseURL    string
	Store          uploads.Storage
	Now            func() time.Time
	// ScratchDir is where a backup copies the database before it goes into the archive, and
	// where a restore to PostgreSQL unpacks its dump: the archive's folder, which has room for
	// it, rather than the system's temp folder, which on a server can be small. "" is the
	// system's temp folder.
	ScratchDir string

	// failAfter and failBeforeCommit break a restore on purpose, to test that a restore cut
	// short leaves the data as it was (export_test.go); the app never sets them.
	failAfter        int64
	failBeforeCommit bool
}

// Create writes the archive to w and returns its manifest.
func (a App) Create(ctx context.Context, w io.Writer) (*Manifest, error) {
	db, err := database.Open(ctx, a.DatabaseURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	migrator, err := database.NewMigrator(db)
	if err != nil {
		return nil, err
	}
	migration, err := migrator.GetDBVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the database's migration version: %w", err)
	}

	scratch, err := os.MkdirTemp(a.ScratchDir, ".backup-database-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(scratch)
	// The database first: every file its uploads table names was stored before its row was
	// written, so the files copied after it include them all (unless one is deleted meanwhile).
	snapshot, err := dumpDatabase(ctx, db, a.DatabaseURL, scratch)
	if err != nil {
		return nil, err
	}

	m := &Manifest{Format: formatVersion, App: a.Name, FastoppVersion: a.FastoppVersion, Engine: engine,
		Schema: snapshot.schema, Migration: migration, Created: a.Now().UTC()}
	// The fastest level: photos are compressed already and do not shrink, and a database still
	// shrinks several times over.
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(zw)
	if err := addFile(tw, m, databaseEntry, snapshot.path); err != nil {
		return nil, err
	}
	copied, err := a.addUploads(ctx, tw, m, filepath.Join(scratch, "upload"))
	if err != nil {
		return nil, err
	}
	for _, key := range snapshot.recorded {
		if !copied[key] {
			return nil, fmt.Errorf("the file %s, which the database names, was deleted while the backup ran: run the backup again", key)
		}
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := addEntry(tw, manifestName, int64(len(manifest)), m.Created, bytes.NewReader(manifest)); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return m, zw.Close()
}

// dump is the database copied into the scratch folder.
type dump struct {
	path     string   // the file to archive
	schema   string   // PostgreSQL: the schema the app's tables are in
	recorded []string // the keys the copy's uploads table names
}

// addUploads copies every stored file into the archive. The storage does not say how large a
// file is before it is read, and a tar header must, so each one is read into spool first.
func (a App) addUploads(ctx context.Context, tw *tar.Writer, m *Manifest, spool string) (map[string]bool, error) {
	var keys []string
	err := a.Store.List(ctx, func(key string, _ time.Time) error {
		keys = append(keys, key)
		return nil
	})
	if errors.Is(err, uploads.ErrDisabled) {
		return nil, nil // STORAGE_TYPE=none: no files to copy
	}
	if err != nil {
		return nil, fmt.Errorf("list the stored files: %w", err)
	}
	slices.Sort(keys)
	copied := make(map[string]bool, len(keys))
	for _, key := range keys {
		err := a.spoolUpload(ctx, key, spool)
		if errors.Is(err, uploads.ErrNotFound) {
			continue // deleted since the list: its row is gone too
		}
		if err != nil {
			return nil, err
		}
		if err := addFile(tw, m, uploadsPrefix+key, spool); err != nil {
			return nil, err
		}
		if err := os.Remove(spool); err != nil { // for the next file
			return nil, err
		}
		copied[key] = true
	}
	return copied, nil
}

// spoolUpload copies the file stored under key to the file at path.
func (a App) spoolUpload(ctx context.Context, key, path string) error {
	body, err := a.Store.Open(ctx, key)
	if err != nil {
		return err
	}
	defer body.Close()
	if err := writeFile(path, body); err != nil {
		return fmt.Errorf("read the stored file %s: %w", key, err)
	}
	return nil
}

// quoteLiteral quotes a string for SQL: 'text', with ' doubled.
func quoteLiteral(text string) string {
	return "'" + strings.ReplaceAll(text, "'", "''") + "'"
}

// writeFile writes everything read from body into a new file at path, which only this user
// may read.
func writeFile(path string, body io.Reader) error {
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(file, body)
	if closeErr := file.Close(); err == nil {
		err = closeErr
	}
	return err
}

// addFile writes the file at path into the archive as name, and its checksum into m.
func addFile(tw *tar.Writer, m *Manifest, name, path string) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return err
	}
	hash := sha256.New()
	if err := addEntry(tw, name, info.Size(), m.Created, io.TeeReader(file, hash)); err != nil {
		return err
	}
	m.Entries = append(m.Entries, Entry{Name: name, Size: info.Size(), SHA256: hex.EncodeToString(hash.Sum(nil))})
	return nil
}

// addEntry writes one regular file into the archive.
func addEntry(tw *tar.Writer, name string, size int64, modified time.Time, body io.Reader) error {
	header := &tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o600, ModTime: modified}
	if err := tw.WriteHeader(header); err != nil {
		return err
	}
	if _, err := io.Copy(tw, body); err != nil {
		return fmt.Errorf("write %s into the archive: %w", name, err)
	}
	return nil
}

// recordedKeys returns every key the uploads table of q names (files and thumbnails); none
// when the database predates that table.
func recordedKeys(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) ([]string, error) {
	var tables int
	if err := q.QueryRowContext(ctx, countUploadsTables).Scan(&tables); err != nil || tables == 0 {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, "SELECT object_key, thumbnail_key FROM uploads")
	if err != nil {
		return nil, fmt.Errorf("read the uploads table of the copy: %w", err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var key, thumbnail string
		if err := rows.Scan(&key, &thumbnail); err != nil {
			return nil, err
		}
		keys = append(keys, key)
		if thumbnail != "" {
			keys = append(keys, thumbnail)
		}
	}
	return keys, rows.Err()
}
