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

// InsertRow runs an INSERT ... RETURNING id and returns the new row's id: for the rows a
// test needs to exist first, such as the user a book points to.
func InsertRow(t testing.TB, db *sql.DB, query string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := db.QueryRowContext(t.Context(), query, args...).Scan(&id); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}
