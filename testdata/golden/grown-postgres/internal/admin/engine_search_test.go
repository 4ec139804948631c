// Tests for the PostgreSQL search indexes (pg_trgm, migration 00003): every column the admin
// searches has a trigram index, and a search for a rare term finds its rows through it instead
// of reading every row.

package admin

import (
	"database/sql"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"myapp/internal/testutil"
)

// Every Search column of every table in the admin, those of `fastopp add model` included, has
// a trigram index; without one, each search of a big table reads every row.
func TestEverySearchedColumnHasATrigramIndex(t *testing.T) {
	db := testutil.NewDB(t)
	for _, m := range Tables() {
		definitions := indexDefinitions(t, db, m.DBTable)
		for _, column := range m.Search {
			found := slices.ContainsFunc(definitions, func(definition string) bool {
				return strings.Contains(definition, "USING gin ("+column+" ") && strings.HasSuffix(definition, "gin_trgm_ops)")
			})
			if !found {
				t.Errorf("the admin searches %s.%s, which has no trigram index: add one in a migration, "+
					"as migration 00003 does: CREATE INDEX %s_%s_trgm ON %s USING gin (%s public.gin_trgm_ops);",
					m.DBTable, column, m.DBTable, column, m.DBTable, column)
			}
		}
	}
}

// indexDefinitions returns the CREATE INDEX statements of table's indexes in the test's own
// schema. (Not through the pg_indexes view: it may describe the indexes of other tests'
// schemas too, and fails when one of those is dropped at that moment.)
func indexDefinitions(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), `SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = $1`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var definitions []string
	for rows.Next() {
		var definition string
		if err := rows.Scan(&definition); err != nil {
			t.Fatal(err)
		}
		definitions = append(definitions, definition)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return definitions
}

func TestSearchGoesThroughTheTrigramIndexes(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := t.Context()
	seed := map[string]string{
		"notes":       "INSERT INTO notes (body) SELECT 'note ' || i || ' about a pear' FROM generate_series(1, 3000) AS i",
		"users":       "INSERT INTO users (email, password_hash) SELECT 'user' || i || '@example.com', '!' FROM generate_series(1, 3000) AS i",
		"auth_groups": "INSERT INTO auth_groups (name) SELECT 'group ' || i FROM generate_series(1, 3000) AS i",
	}
	// Then what autovacuum does soon after a big change (see vacuumAfterSeeding in
	// engine_test.go): without it the planner prices a trigram index as if it had to read
	// every row added since the index was made.
	for _, m := range []Table{notesTable, usersTable, groupsTable} {
		for _, query := range []string{seed[m.DBTable], "VACUUM ANALYZE " + m.DBTable} {
			if _, err := db.ExecContext(ctx, query); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		}
	}
	// A table small enough for a test may be cheaper to read whole than through any index.
	// With sequential scans turned off, the plan shows whether the index can serve the
	// search, as it must on a big table.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		m     Table
		term  string
		found int
	}{
		{notesTable, "note 2718 ", 1},
		{notesTable, "BANANA", 0},
		{usersTable, "user2718@", 1},
		{usersTable, "nobody", 0},
		{groupsTable, "Group 2718", 1},
		{groupsTable, "admins", 0},
	}
	for _, c := range cases {
		t.Run(c.m.DBTable+" "+c.term, func(t *testing.T) {
			index := c.m.DBTable + "_" + c.m.Search[0] + "_trgm"
			q := parseListQuery(c.m, url.Values{"q": {c.term}})
			count, p := countQuery(c.m, q, nil)
			if plan := explain(t, conn, count, p); !strings.Contains(plan, index) {
				t.Errorf("the count does not use %s:\n%s", index, plan)
			}
			var found int
			if err := conn.QueryRowContext(ctx, count, p...).Scan(&found); err != nil || found != c.found {
				t.Errorf("found %d rows (%v), want %d", found, err, c.found)
			}
			page, p := pageQuery(c.m, q, nil)
			if plan := explain(t, conn, page, p); !strings.Contains(plan, index) {
				t.Errorf("the page does not use %s:\n%s", index, plan)
			}
		})
	}
}

// explain returns PostgreSQL's plan for query, one step a line.
func explain(t *testing.T, db *sql.Conn, query string, p params) string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), "EXPLAIN "+query, p...)
	if err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&plan, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan.String()
}
