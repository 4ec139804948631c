// The SQLite parts of the database package: driver, connection string and migration dialect.
// This is the only Go file that differs between SQLite and PostgreSQL apps.

package database

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver: pure Go, no C compiler needed
)

const (
	driverName   = "sqlite"
	gooseDialect = goose.DialectSQLite3
)

// pragmas are applied to every connection: WAL lets readers work while one writer writes,
// busy_timeout waits for a lock instead of failing at once, foreign_keys enforces REFERENCES.
// synchronous(NORMAL) is the usual partner of WAL: a commit no longer waits for the disk, so
// many writers at once (a thousand chats stopping together) all get their turn; a power cut
// may lose the last commits, but never corrupts the database. mmap_size lets SQLite read the
// file through memory shared by all connections (up to 256 MB of it) instead of copying each
// page into every connection's own small cache: a query that reads a whole table, as a
// search of the admin may, is up to twice as fast, and several at once do not slow each other.
const pragmas = "_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=mmap_size(268435456)"

// txLock makes every transaction that may write (all but those begun with ReadOnly) start
// with BEGIN IMMEDIATE, which takes the write lock at once, waiting for it under busy_timeout.
// A plain BEGIN would take it at the first write: if another connection wrote since the
// transaction's first read, SQLite cannot let it wait (its reads may be out of date) and
// answers "database is locked" at once. See WriteTx.
const txLock = "_txlock=immediate"

// timeFormat makes the driver store a Go time.Time as text such as 2030-01-02 15:04:05.5+00:00,
// which SQLite's date functions understand and which sorts in time order (in UTC, as the app
// writes it). The driver's default is Go's String() format, which neither holds for.
const timeFormat = "_time_format=sqlite"

// dataSourceName turns DATABASE_URL (sqlite:data/app.db or file:data/app.db) into the
// driver's connection string, creating the file's directory if needed.
func dataSourceName(databaseURL string) (string, error) {
	registerCollations() // decimal.go: before the first connection opens
	file, err := FilePath(databaseURL)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", fmt.Errorf("create the directory for the database file %s: %w (set DATABASE_URL to a path you can write)", file, err)
	}
	return "file:" + file + "?" + pragmas + "&" + txLock + "&" + timeFormat, nil
}

// FilePath returns the path of the database file that DATABASE_URL names (sqlite:data/app.db
// or file:data/app.db): `go run . backup` copies it and `restore` replaces it.
func FilePath(databaseURL string) (string, error) {
	var file string
	switch {
	case strings.HasPrefix(databaseURL, "sqlite:"):
		file = strings.TrimPrefix(databaseURL, "sqlite:")
	case strings.HasPrefix(databaseURL, "file:"):
		file = strings.TrimPrefix(databaseURL, "file:")
	default:
		return "", fmt.Errorf("DATABASE_URL %q is not a SQLite URL: this app uses SQLite, so write it as sqlite:data/app.db", databaseURL)
	}
	// Options after ? are ours to set; a path with its own options would be ambiguous.
	if file == "" || strings.Contains(file, "?") {
		return "", fmt.Errorf("DATABASE_URL %q needs a file path and no ? options, for example sqlite:data/app.db", databaseURL)
	}
	return file, nil
}

// sizePool keeps a few connections open for good. Opening a SQLite connection costs little,
// but each one then runs the pragmas above and starts with an empty cache; database/sql's
// default of two idle connections meant that under load most requests opened a new one.
// SQLite runs one query per connection on one CPU and lets one writer write at a time, so more
// connections than twice the CPUs would only wait inside SQLite; here they wait in line in Go,
// in order, for the next free connection.
func sizePool(db *sql.DB) {
	connections := max(4, 2*runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(connections)
	db.SetMaxIdleConns(connections)
	db.SetConnMaxIdleTime(0) // never closed for being idle
	db.SetConnMaxLifetime(0)
}

// connectError explains a failed first connection.
func connectError(databaseURL string, err error) error {
	return fmt.Errorf("open the SQLite database %s: %w (check that the path is writable, or set DATABASE_URL)", databaseURL, err)
}

// migratorOptions are goose options this engine needs; SQLite needs none.
func migratorOptions() ([]goose.ProviderOption, error) {
	return nil, nil
}
