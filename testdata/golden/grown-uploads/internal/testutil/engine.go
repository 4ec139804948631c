// The SQLite part of the test helpers: each test gets a fresh database file in its own
// temporary directory, deleted when the test ends.

package testutil

import (
	"path/filepath"
	"testing"
)

// DatabaseURL returns the DATABASE_URL of a new, empty database for this test.
func DatabaseURL(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
}
