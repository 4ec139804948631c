// The PostgreSQL part of the test helpers: each test gets a fresh schema in the database at
// TEST_DATABASE_URL, dropped when the test ends. Without TEST_DATABASE_URL the test is skipped,
// except in CI, where skipping would hide a missing database.

package testutil

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// DatabaseURL returns the DATABASE_URL of a new, empty schema for this test: the
// search_path in the URL makes every table the test creates land in that schema.
func DatabaseURL(t testing.TB) string {
	t.Helper()
	// Tests may read the environment; the app itself only reads it in internal/config.
	baseURL := os.Getenv("TEST_DATABASE_URL")
	if baseURL == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TEST_DATABASE_URL is not set, and CI must run the database tests: " +
				"start PostgreSQL in the CI job and set TEST_DATABASE_URL=postgres://...")
		}
		t.Skip("set TEST_DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/DATABASE?sslmode=disable to run the database tests")
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL is not a URL: %v", err)
	}

	admin, err := sql.Open("pgx", baseURL)
	if err != nil {
		t.Fatal(err)
	}
	schema := "test_" + strings.ToLower(rand.Text()[:12])
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// schema is made of our own letters and digits, so building the SQL from it is safe.
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create a test schema in TEST_DATABASE_URL: %v", err)
	}
	t.Cleanup(func() {
		// Runs after the test's own cleanups, so its connections are closed by now.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop the test schema %s: %v", schema, err)
		}
		admin.Close()
	})

	query := u.Query()
	query.Set("search_path", schema)
	u.RawQuery = query.Encode()
	return u.String()
}
