// The PostgreSQL parts of the database package: driver, connection string and migration locking.
// This is the only Go file that differs between SQLite and PostgreSQL apps.

package database

import (
	"database/sql"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver for database/sql
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

const (
	driverName   = "pgx"
	gooseDialect = goose.DialectPostgres
)

// dataSourceName checks that DATABASE_URL is a PostgreSQL URL; pgx reads it as it is.
func dataSourceName(databaseURL string) (string, error) {
	if !strings.HasPrefix(databaseURL, "postgres://") && !strings.HasPrefix(databaseURL, "postgresql://") {
		return "", fmt.Errorf("DATABASE_URL %q is not a PostgreSQL URL: this app uses PostgreSQL, so write it as "+
			"postgres://USER:PASSWORD@HOST:5432/DATABASE?sslmode=disable", redact(databaseURL))
	}
	return databaseURL, nil
}

// sizePool bounds the connections this app opens. PostgreSQL serves each connection with a
// process of its own and refuses more than max_connections (100 by default) from all clients
// together, so an unbounded pool under a burst of requests could take them all, and the
// server would spend its time switching between them. A few per CPU keep the server busy;
// a request that finds them all taken waits in line for the next free one. Idle ones are
// kept for a while, since opening one (a process, TLS, login) takes milliseconds.
func sizePool(db *sql.DB) {
	connections := max(8, 4*runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(connections)
	db.SetMaxIdleConns(connections)
	db.SetConnMaxIdleTime(5 * time.Minute)
	db.SetConnMaxLifetime(time.Hour) // lets a restarted or failed-over server's connections be renewed
}

// connectError explains a failed first connection without printing the password.
func connectError(databaseURL string, err error) error {
	return fmt.Errorf("cannot connect to PostgreSQL at %s: %w. Start PostgreSQL (the README has a docker command) "+
		"or set DATABASE_URL in .env to a server that is running", redact(databaseURL), err)
}

// redact hides the password in a database URL, so it can appear in logs and errors.
func redact(databaseURL string) string {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "(a URL that cannot be parsed)"
	}
	return u.Redacted()
}

// migratorOptions makes goose take a PostgreSQL advisory lock while it migrates, so that
// several copies of the app starting at once never apply the same migration twice.
func migratorOptions() ([]goose.ProviderOption, error) {
	// Try again every second, for up to five minutes, while another copy holds the lock.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return nil, err
	}
	return []goose.ProviderOption{goose.WithSessionLocker(locker)}, nil
}
