// The PostgreSQL part of the test helpers: each test gets a fresh schema in the database at
// TEST_DATABASE_URL, dropped when the test ends. Without TEST_DATABASE_URL the test is skipped,
// except in CI, where skipping would hide a missing database. TableNames lists its tables.

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
	return newSchemaURL(t, baseURL, "TEST_DATABASE_URL")
}

// newSchemaURL creates a schema of its own for this test in the database at baseURL (named
// by the variable env), dropped when the test ends, and returns the URL that works in it:
// the search_path in the URL makes every table the test creates land in that schema. Names
// that are not found there are looked for in the schemas of alsoSearch (such as public, where
// an extension's types live).
func newSchemaURL(t testing.TB, baseURL, env string, alsoSearch ...string) string {
	t.Helper()
	u, err := url.Parse(baseURL)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", env, err)
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
		t.Fatalf("create a test schema in %s: %v", env, err)
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
	query.Set("search_path", strings.Join(append([]string{schema}, alsoSearch...), ","))
	u.RawQuery = query.Encode()
	return u.String()
}

// TableNames lists the tables of db's schema, sorted.
func TableNames(t testing.TB, db *sql.DB) []string {
	t.Helper()
	return QueryStrings(t, db, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")
}
