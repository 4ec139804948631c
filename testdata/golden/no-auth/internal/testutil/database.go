// Test databases: NewDB gives each test its own migrated database, so tests never see each
// other's rows and can run in parallel.

package testutil

import (
	"database/sql"
	"testing"

	"myapp/internal/database"
)

// NewDB returns a migrated database that exists only for this test.
func NewDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := database.Open(t.Context(), DatabaseURL(t))
	if err != nil {
		t.Fatalf("open the test database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := database.Migrate(t.Context(), db); err != nil {
		t.Fatalf("migrate the test database: %v", err)
	}
	return db
}
