// The SQLite part of the test helpers: each test gets a fresh database file in its own
// temporary directory, deleted when the test ends; TableNames lists its tables.

package testutil

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// DatabaseURL returns the DATABASE_URL of a new, empty database for this test.
func DatabaseURL(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
}

// TableNames lists the tables of db, sorted (SQLite's own, sqlite_*, left out).
func TableNames(t testing.TB, db *sql.DB) []string {
	t.Helper()
	return QueryStrings(t, db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
}
