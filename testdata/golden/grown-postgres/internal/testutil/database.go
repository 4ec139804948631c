// Test databases: NewDB gives each test its own migrated database, so tests never see each
// other's rows and can run in parallel; TableRows reads every row of one, to compare two.

package testutil

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"myapp/internal/database"
)

// NewDB returns a migrated database that exists only for this test.
func NewDB(t testing.TB) *sql.DB {
	t.Helper()
	return OpenDB(t, DatabaseURL(t))
}

// OpenDB opens and migrates the database at databaseURL (from DatabaseURL), closed when the
// test ends: for a test that also needs the URL, to give it to a command.
func OpenDB(t testing.TB, databaseURL string) *sql.DB {
	t.Helper()
	db, err := database.Open(t.Context(), databaseURL)
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

// QueryStrings runs a query that selects one column and returns its values as text.
func QueryStrings(t testing.TB, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var values []string
	for rows.Next() {
		var value string
		if err := rows.Scan(&value); err != nil {
			t.Fatal(err)
		}
		values = append(values, value)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return values
}

// TableRows returns every row of every table of db, each row as its values in text, the rows
// of each table sorted: two databases with the same rows give the same map.
func TableRows(t testing.TB, db *sql.DB) map[string][]string {
	t.Helper()
	tables := make(map[string][]string)
	for _, table := range TableNames(t, db) {
		// table comes from the database's own list of tables.
		rows, err := db.QueryContext(t.Context(), "SELECT * FROM "+table)
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		columns, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		tables[table] = []string{} // an empty table is still listed
		for rows.Next() {
			values := make([]any, len(columns))
			for i := range values {
				values[i] = new(sql.NullString)
			}
			if err := rows.Scan(values...); err != nil {
				t.Fatalf("read %s: %v", table, err)
			}
			var row []string
			for i, value := range values {
				v := value.(*sql.NullString)
				row = append(row, columns[i]+"="+fmt.Sprint(v.Valid, v.String))
			}
			tables[table] = append(tables[table], strings.Join(row, " "))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(tables[table])
	}
	return tables
}
