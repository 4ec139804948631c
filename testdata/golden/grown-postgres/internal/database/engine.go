// The PostgreSQL parts of the database package: driver, connection string and migration locking.
// This is the only Go file that differs between SQLite and PostgreSQL apps.

package database

import (
	"fmt"
	"net/url"
	"strings"

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
