// The SQLite part of backup and restore. A backup copies the database with VACUUM INTO, which
// reads it in one transaction while the app keeps writing (WAL lets both happen at once), so
// the copy is the database as it was at one instant. A restore writes the new file beside the
// database and renames it over the old one: a restore cut short leaves the old file whole.

package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // the "sqlite" driver, to open the copy and lock the file

	"myapp/internal/database"
)

const (
	engine        = "sqlite"
	databaseEntry = "database/app.db"
	// countUploadsTables is 1 once the migration that makes the uploads table has run.
	countUploadsTables = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'uploads'"
)

// dumpDatabase copies the database of db into the folder dir.
func dumpDatabase(ctx context.Context, db *sql.DB, databaseURL, dir string) (dump, error) {
	path := filepath.Join(dir, "app.db")
	// VACUUM INTO takes a file name, not a parameter; ours is a temporary path, quoted as SQL.
	if _, err := db.ExecContext(ctx, "VACUUM INTO "+quoteLiteral(path)); err != nil {
		return dump{}, fmt.Errorf("copy the database: %w", err)
	}
	copied, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return dump{}, err
	}
	defer copied.Close()
	recorded, err := recordedKeys(ctx, copied)
	return dump{path: path, recorded: recorded}, err
}

// target is the database file a restore replaces.
type target struct {
	path             string
	lock             *sql.DB // holds the old file's lock until it is replaced; nil when there is none
	staged           string  // the new file, beside the old one
	failBeforeCommit bool
}

// openTarget takes the database file for the restore: it refuses while another program (the
// app serving) has it open, since that program would go on writing to the replaced file.
func openTarget(ctx context.Context, a App, m *Manifest) (*target, error) {
	path, err := database.FilePath(a.DatabaseURL)
	if err != nil {
		return nil, err
	}
	t := &target{path: path}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return t, nil // a first restore, on a new machine
	}
	// busy_timeout(0): a lock someone else holds is an answer at once, not a wait.
	lock, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		return nil, err
	}
	lock.SetMaxOpenConns(1) // one connection: the one holding the lock
	t.lock = lock
	// Leaving WAL mode needs the database to ourselves and folds its -wal file back in, so that
	// no -wal file of the old database is left beside the new one. Then EXCLUSIVE keeps
	// everyone out until the new file is in place.
	var mode string
	err = lock.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode)
	if err == nil && mode == "delete" {
		_, err = lock.ExecContext(ctx, "BEGIN EXCLUSIVE")
	}
	if err != nil || mode != "delete" {
		lock.Close()
		return nil, fmt.Errorf("the database %s is in use (is the app running?): stop the app, then restore, nothing was changed", path)
	}
	return t, nil
}

// stage writes the archived database beside the current one; check tells whether what was
// read matches its checksum.
func (t *target) stage(ctx context.Context, body io.Reader, check func() error) error {
	if err := os.MkdirAll(filepath.Dir(t.path), 0o755); err != nil {
		return err
	}
	file, err := os.CreateTemp(filepath.Dir(t.path), filepath.Base(t.path)+".restore-*")
	if err != nil {
		return fmt.Errorf("write beside the database: %w", err)
	}
	t.staged = file.Name()
	_, err = io.Copy(file, body)
	if err == nil {
		err = file.Sync() // on the disk before it replaces the old file
	}
	if closeErr := file.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("write the database: %w", err)
	}
	return check()
}

// replace renames the new file over the old one: a rename is all or nothing, so the database
// is the old one or the new one, never half of each.
func (t *target) replace(ctx context.Context) error {
	if t.staged == "" {
		return errors.New("the archive holds no database")
	}
	if t.failBeforeCommit {
		return errBroken
	}
	for _, leftover := range []string{"-wal", "-shm"} {
		if err := os.Remove(t.path + leftover); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(t.staged, t.path); err != nil {
		return fmt.Errorf("put the restored database in place: %w", err)
	}
	t.staged = ""
	return nil
}

// release lets go of the old file and removes a new one that was not used.
func (t *target) release() {
	if t.lock != nil {
		t.lock.Close() // ends the EXCLUSIVE transaction: nothing was written in it
	}
	if t.staged != "" {
		os.Remove(t.staged)
	}
}
