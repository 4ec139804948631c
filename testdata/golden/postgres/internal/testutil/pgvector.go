// A database with pgvector for the tests of the rag feature's PostgreSQL vector index. CI's
// PostgreSQL has no pgvector, so .ci/run starts PGlite (PostgreSQL compiled to WebAssembly,
// with its pgvector extension, from npm) and sets TEST_PGVECTOR_URL. To run them yourself:
//
//	npm install @electric-sql/pglite @electric-sql/pglite-socket @electric-sql/pglite-pgvector
//	node node_modules/@electric-sql/pglite-socket/dist/scripts/server.js \
//	    -p 55432 -e @electric-sql/pglite-pgvector:vector -m 4
//	TEST_PGVECTOR_URL='postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable' go test ./internal/rag

package testutil

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"testing"
	"time"
)

// PgvectorDatabaseURL returns the DATABASE_URL of a new, empty schema for this test in the
// database at TEST_PGVECTOR_URL, where the vector extension is installed (in public, which
// the URL's search_path includes). Without TEST_PGVECTOR_URL the test is skipped, except in
// CI, where skipping would hide a missing PGlite.
//
// PGlite runs one PostgreSQL session for all its connections: the test must open one
// connection at a time (db.SetMaxOpenConns(1)); prepared statements outlive the connection
// that made them, so each test starts by dropping those of the tests before; and the
// search_path is set on the session here, since a connection's own is not applied. Tests of
// other processes (other apps, other packages) wait for a lock: one test at a time.
func PgvectorDatabaseURL(t testing.TB) string {
	t.Helper()
	baseURL := os.Getenv("TEST_PGVECTOR_URL")
	if baseURL == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TEST_PGVECTOR_URL is not set, and CI must run the pgvector tests: .ci/run starts PGlite with pgvector and sets it")
		}
		t.Skip("set TEST_PGVECTOR_URL to a PostgreSQL with pgvector (see internal/testutil/pgvector.go) to run the pgvector tests")
	}
	// The simple protocol prepares nothing, so this connection leaves nothing behind.
	db, err := sql.Open("pgx", withParameter(baseURL, "default_query_exec_mode", "simple_protocol"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	lockPGlite(t, db)
	if _, err := db.ExecContext(ctx, "DEALLOCATE ALL"); err != nil {
		t.Fatalf("TEST_PGVECTOR_URL: %v", err)
	}
	if _, err := db.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS vector SCHEMA public"); err != nil {
		t.Fatalf("TEST_PGVECTOR_URL has no pgvector: %v", err)
	}
	schemaURL := newSchemaURL(t, baseURL, "TEST_PGVECTOR_URL", "public")
	// The search_path of a new connection is not applied to PGlite's one session: set it here.
	u, _ := url.Parse(schemaURL) // newSchemaURL made it
	if _, err := db.ExecContext(ctx, "SET search_path TO "+u.Query().Get("search_path")); err != nil {
		t.Fatalf("TEST_PGVECTOR_URL: %v", err)
	}
	return schemaURL
}

// withParameter returns databaseURL with one more query parameter.
func withParameter(databaseURL, name, value string) string {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return databaseURL // newSchemaURL reports it
	}
	query := u.Query()
	query.Set(name, value)
	u.RawQuery = query.Encode()
	return u.String()
}

// lockPGlite waits until no other test uses the PGlite server, and keeps it for this test
// until it ends. The lock is a row, not an advisory lock: PGlite's one session would hold
// every advisory lock at once. A lock left by a test that crashed expires after pgliteLease.
func lockPGlite(t testing.TB, db *sql.DB) {
	t.Helper()
	const pgliteLease = "3 minutes"
	ctx := t.Context()
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS public.test_lock
		(id INTEGER PRIMARY KEY, taken_until TIMESTAMPTZ NOT NULL)`); err != nil {
		t.Fatalf("TEST_PGVECTOR_URL: %v", err)
	}
	for {
		result, err := db.ExecContext(ctx, `INSERT INTO public.test_lock (id, taken_until)
			VALUES (1, now() + interval '`+pgliteLease+`')
			ON CONFLICT (id) DO UPDATE SET taken_until = excluded.taken_until
			WHERE public.test_lock.taken_until < now()`)
		if err != nil {
			t.Fatalf("TEST_PGVECTOR_URL: %v", err)
		}
		if taken, _ := result.RowsAffected(); taken == 1 {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatal("waited for the PGlite server until the test ended")
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DELETE FROM public.test_lock WHERE id = 1"); err != nil {
			t.Errorf("release the PGlite server: %v", err)
		}
	})
}
