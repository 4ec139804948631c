// Tests for the SQLite search indexes (Table.SearchIndex, migration 00003): triggers keep each
// index in step with its table, the migration indexes rows that existed before it, and the
// list's queries go through the indexes that make them fast.

package admin

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/database"
	"myapp/internal/testutil"
)

func TestSearchIndexesFollowTheirTables(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := t.Context()
	for _, table := range []Table{notesTable, usersTable, groupsTable} {
		t.Run(table.Name, func(t *testing.T) {
			column := table.Search[0]
			insert := "INSERT INTO " + table.DBTable + " (" + column + ") VALUES (?)"
			if table.DBTable == "users" {
				insert = "INSERT INTO users (email, password_hash) VALUES (?, '!')"
			}
			result, err := db.ExecContext(ctx, insert, "first draft")
			if err != nil {
				t.Fatal(err)
			}
			id, _ := result.LastInsertId()
			checkIndex(t, db, table, map[string]int{"draft": 1})

			mustExec(t, db, "UPDATE "+table.DBTable+" SET "+column+" = ? WHERE id = ?", "final text", id)
			checkIndex(t, db, table, map[string]int{"draft": 0, "final": 1})

			if table.DBTable == "users" { // a change to another column leaves the index alone
				mustExec(t, db, "UPDATE users SET last_login_at = CURRENT_TIMESTAMP WHERE id = ?", id)
				checkIndex(t, db, table, map[string]int{"final": 1})
			}

			mustExec(t, db, "DELETE FROM "+table.DBTable+" WHERE id = ?", id)
			checkIndex(t, db, table, map[string]int{"final": 0})
		})
	}
}

func TestMigrationIndexesExistingRows(t *testing.T) {
	ctx := t.Context()
	db, err := database.Open(ctx, testutil.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	migrator, err := database.NewMigrator(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := migrator.UpTo(ctx, 2); err != nil { // the tables, without their search indexes
		t.Fatal(err)
	}
	mustExec(t, db, "INSERT INTO notes (body) VALUES ('an old note')")
	mustExec(t, db, "INSERT INTO users (email, password_hash) VALUES ('old@example.com', '!')")
	mustExec(t, db, "INSERT INTO auth_groups (name) VALUES ('old group')")
	if _, err := migrator.Up(ctx); err != nil {
		t.Fatal(err)
	}
	for _, table := range []Table{notesTable, usersTable, groupsTable} {
		checkIndex(t, db, table, map[string]int{"old": 1})
	}
}

func TestSearchGoesThroughTheIndexWhenItHelps(t *testing.T) {
	db := testutil.NewDB(t)
	s := NewStore(db)
	noIndex := notesTable
	noIndex.SearchIndex = ""
	cases := []struct {
		table Table
		term  string
		want  bool
	}{
		{notesTable, "banana", true},
		{notesTable, "ba", false},       // shorter than the index's three characters
		{notesTable, "ba\xffna", false}, // not UTF-8: the index and LIKE could disagree
		{noIndex, "banana", false},
	}
	for _, c := range cases {
		if hits, err := s.searchIndexHits(t.Context(), c.table, c.term); err != nil || (hits != nil) != c.want {
			t.Errorf("search %q with index %q: hits %v, %v; want hits: %v", c.term, c.table.SearchIndex, hits, err, c.want)
		}
	}
	// A term in more rows than indexedSearchLimit: reading every row is faster.
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for range indexedSearchLimit + 1 {
		mustExec(t, tx, "INSERT INTO notes (body) VALUES ('banana')")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.searchIndexHits(t.Context(), notesTable, "banana"); err != nil || hits != nil {
		t.Errorf("a term in %d rows went through the index (%v)", indexedSearchLimit+1, err)
	}
}

// A search that reads every row of a big table is counted in ranges of ids at the same time:
// each matching row is counted once, also at the ends of the ranges.
func TestCountInRangesCountsEachRowOnce(t *testing.T) {
	db := testutil.NewDB(t)
	s := NewStore(db)
	const first, last, parts int64 = 1, 3 * bigTable, 3
	const size = (last-first)/parts + 1
	// Every id near the ends of the ranges, and a few between them.
	var ids []int64
	for _, end := range []int64{first, first + size, first + 2*size, last} {
		for id := max(end-3, first); id <= min(end+3, last); id++ {
			ids = append(ids, id)
		}
	}
	ids = append(ids, size/2, size+size/2, 2*size+size/2)
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		body := []string{"an apple", "a pear"}[i%2]
		mustExec(t, tx, "INSERT INTO notes (id, body) VALUES (?, ?)", id, body)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	want := int64(len(ids)+1) / 2
	query, p := countQuery(notesTable, ListQuery{Search: "APPLE"}, nil)
	for _, parts := range []int64{1, 2, parts, 7} {
		if got, err := s.countInRanges(t.Context(), query, p, first, last, parts); err != nil || got != want {
			t.Errorf("counted in %d ranges: %d rows (%v), want %d", parts, got, err, want)
		}
	}
	// count splits a table that spans this many ids when the search reads every row.
	if got, err := s.count(t.Context(), notesTable, ListQuery{Search: "APPLE"}, nil); err != nil || got != want {
		t.Errorf("count: %d rows (%v), want %d", got, err, want)
	}
}

// The index ignores the case of every letter, LIKE only of A to Z: a search finds the same
// rows whether it goes through the index or not.
func TestSearchFindsTheSameRowsEitherWay(t *testing.T) {
	db := testutil.NewDB(t)
	for _, body := range []string{"Crème brûlée", "CRÈME BRÛLÉE", "crème brûlée", "creme brulee"} {
		mustExec(t, db, "INSERT INTO notes (body) VALUES (?)", body)
	}
	for _, term := range []string{"crème", "CRÈME", "Brû", "BRÛLÉE", "creme"} {
		var counts [2]int
		hits, err := NewStore(db).searchIndexHits(t.Context(), notesTable, term)
		if err != nil || hits == nil {
			t.Fatalf("search %q: no hits from the index (%v)", term, err)
		}
		for i, hits := range [][]int64{nil, hits} {
			query, p := countQuery(notesTable, ListQuery{Search: term}, hits)
			if err := db.QueryRowContext(t.Context(), query, p...).Scan(&counts[i]); err != nil {
				t.Fatal(err)
			}
		}
		if counts[0] != counts[1] {
			t.Errorf("search %q: %d rows without the index, %d with it", term, counts[0], counts[1])
		}
	}
}

// The plans SQLite makes for the list's queries (EXPLAIN QUERY PLAN) use the search index and
// the indexes that spare reading the table.
func TestListQueriesUseIndexes(t *testing.T) {
	db := testutil.NewDB(t)
	cases := []struct {
		name        string
		table       Table
		values      url.Values
		hits        []int64  // the ids the search index found, nil for none
		count, page []string // steps each plan must have
	}{
		// The index found the rows; each is then read by its id.
		{"search through the index", notesTable, url.Values{"q": {"banana"}}, []int64{3, 5, 8},
			[]string{"SEARCH notes USING INTEGER PRIMARY KEY"},
			[]string{"SEARCH notes USING INTEGER PRIMARY KEY"}},
		// Counting reads the small index on created_at, not the table; a page reads it in order.
		{"no search, newest first", notesTable, nil, nil,
			[]string{"SCAN notes USING COVERING INDEX notes_created_at"},
			[]string{"SCAN notes USING INDEX notes_created_at"}},
		// Sorted by body, a page reads the index on body in order and stops after 50 rows, with
		// a search that reads every row too (its count is asked apart: see List).
		{"sorted by body", notesTable, url.Values{"sort": {"-body"}}, nil,
			[]string{"SCAN notes USING COVERING INDEX notes_created_at"},
			[]string{"SCAN notes USING INDEX notes_body"}},
		{"short search sorted by body", notesTable, url.Values{"q": {"ab"}, "sort": {"body"}}, nil,
			[]string{"SCAN notes"},
			[]string{"SCAN notes USING INDEX notes_body"}},
		// A search of emails reads the index of the unique emails rather than the table.
		{"short search of emails", usersTable, url.Values{"q": {"ad"}}, nil,
			[]string{"SCAN users USING COVERING INDEX sqlite_autoindex_users_1"},
			[]string{"SCAN users USING INDEX sqlite_autoindex_users_1"}},
	}
	for _, c := range cases {
		q := parseListQuery(c.table, c.values)
		count, p := countQuery(c.table, q, c.hits)
		checkPlan(t, db, c.name+", the count", count, p, c.count)
		page, p := pageQuery(c.table, q, c.hits)
		checkPlan(t, db, c.name+", the page", page, p, c.page)
	}
}

// checkIndex fails the test if table's search index finds a term in another number of rows than
// want says, or if SQLite's own check finds the index out of step with the table.
func checkIndex(t *testing.T, db *sql.DB, table Table, want map[string]int) {
	t.Helper()
	for term, n := range want {
		var found int
		query := "SELECT COUNT(*) FROM " + table.SearchIndex + " WHERE " + table.SearchIndex + " MATCH ?"
		if err := db.QueryRowContext(t.Context(), query, phrase(term)).Scan(&found); err != nil || found != n {
			t.Errorf("%s finds %q in %d rows (%v), want %d", table.SearchIndex, term, found, err, n)
		}
	}
	// rank 1 compares the index with the table's text, not only with itself.
	check := "INSERT INTO " + table.SearchIndex + " (" + table.SearchIndex + ", rank) VALUES ('integrity-check', 1)"
	if _, err := db.ExecContext(t.Context(), check); err != nil {
		t.Errorf("%s is out of step with %s: %v", table.SearchIndex, table.DBTable, err)
	}
}

// checkPlan fails the test if SQLite's plan for query (EXPLAIN QUERY PLAN) lacks a step.
func checkPlan(t *testing.T, db *sql.DB, name, query string, p params, steps []string) {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, p...)
	if err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	for _, step := range steps {
		if text := strings.Join(plan, "\n"); !strings.Contains(text, step) {
			t.Errorf("%s: the plan lacks %q:\n%s\n%s", name, step, query, text)
		}
	}
}

// execer is what a *sql.DB and a *sql.Tx have in common for mustExec.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func mustExec(t *testing.T, db execer, query string, args ...any) {
	t.Helper()
	if _, err := db.ExecContext(t.Context(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
