// Read this last: big tables. This file is an optimisation, not how the admin works. A search
// that no search index serves reads every row of the table, once for the page and once more to
// count the matches; on a table of a hundred thousand rows the count takes longer than the page.
// So a list over a big table shows its page at once and counts in a request of its own (see
// List in store.go and partials/admin_table.html). PostgreSQL reads every row to count them
// even without a search (countingReadsEveryRow in engine.go), so there every list of a big
// table counts apart. The engine's own parts are in engine.go:
// on SQLite, the search index probe (searchIndexHits) and the count split by id ranges
// (countInRanges).

package admin

import "context"

// bigTable is how many ids a table must span for a search that reads every row of it to be
// slow: some 20 ms for 100,000 short rows in SQLite, several times that in PostgreSQL.
const bigTable = 20_000

// slowToCount reports whether counting the matches of a list would read every row of a big
// table; List then leaves the count to a request of its own (q.Count).
func (s *Store) slowToCount(ctx context.Context, t Table, q ListQuery, hits []int64) (bool, error) {
	if !readsEveryRow(q, hits) && !countingReadsEveryRow {
		return false, nil
	}
	first, last, err := s.idRange(ctx, t)
	return last-first >= bigTable, err
}

// readsEveryRow reports whether a list's search finds its rows by reading every row of the
// table: a search that the search index does not serve (hits is nil).
func readsEveryRow(q ListQuery, hits []int64) bool {
	return q.Search != "" && hits == nil
}

// idRange returns the smallest and the largest id of a table, 0 and 0 when it is empty. Each
// in a SELECT of its own, they come straight from the primary key; together in one, SQLite
// would read the whole table to find them.
func (s *Store) idRange(ctx context.Context, t Table) (first, last int64, err error) {
	query := "SELECT (SELECT COALESCE(MIN(id), 0) FROM " + t.DBTable + "), (SELECT COALESCE(MAX(id), 0) FROM " + t.DBTable + ")"
	err = s.db.QueryRowContext(ctx, query).Scan(&first, &last)
	return first, last, err
}
