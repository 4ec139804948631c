// The SQLite parts of the admin's SQL: how a query marks its parameters, searches without
// regard to case (through a search index when that is faster) and reports a duplicate. This
// is the only admin file that differs between SQLite and PostgreSQL apps.

package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// placeholder is how the nth parameter (from 1) is written in a query: SQLite numbers them ?1, ?2...
func placeholder(n int) string {
	return "?" + itoa(n)
}

// lockForWrite is empty on SQLite, which has no FOR UPDATE: a write transaction takes the
// database's write lock when it begins (database.WriteTx), so saves already take turns.
const lockForWrite = ""

// containsIgnoringCase is the search condition: SQLite's LIKE already ignores the case of
// ASCII letters, and is much faster without LOWER() on every row. Like LOWER(), it leaves
// other letters (É and é) as they are.
func containsIgnoringCase(column, pattern string) string {
	return column + " LIKE " + pattern + ` ESCAPE '\'`
}

// countingReadsEveryRow says whether counting a whole table reads each of its rows: not in
// SQLite, which counts the entries of the table's smallest index (0.1 ms for 100,000 notes).
// Only a search that no index serves makes a count read every row (see bigtables.go).
const countingReadsEveryRow = false

// indexedSearchLimit is the most rows a search index may find for a search to go through it.
// The index finds the rows that hold a term without reading the others, but each row it finds
// costs as much as reading twenty to forty rows of the table: a term in more rows than this is
// found as fast by reading the whole table, as a search without an index does (see count).
const indexedSearchLimit = 2_000

// searchIndexHits returns the ids of the rows t's search index (Table.SearchIndex, an FTS5
// table made by a migration) finds for term, or nil when the search reads every row instead:
// when the term is in more than indexedSearchLimit rows, when it is shorter than the three
// characters the index is made of, or when it is not valid UTF-8, which the index and LIKE
// could read differently. The index is asked once; the count and the page then read only the
// rows it found.
func (s *Store) searchIndexHits(ctx context.Context, t Table, term string) ([]int64, error) {
	if t.SearchIndex == "" || utf8.RuneCountInString(term) < 3 || !utf8.ValidString(term) {
		return nil, nil
	}
	// SQLite gathers the ids into one JSON array, which is faster than reading them one by one.
	var p params
	query := "SELECT COUNT(*), json_group_array(id) FROM (SELECT rowid AS id FROM " + t.SearchIndex + " WHERE " +
		t.SearchIndex + " MATCH " + p.add(phrase(term)) + " LIMIT " + p.add(indexedSearchLimit+1) + ") AS found"
	var found int
	var ids []byte
	if err := s.db.QueryRowContext(ctx, query, p...).Scan(&found, &ids); err != nil {
		return nil, fmt.Errorf("search %s: %w (is its migration applied? run `go run . migrate up`)", t.SearchIndex, err)
	}
	if found > indexedSearchLimit {
		return nil, nil
	}
	hits := []int64{} // not nil even when the index finds nothing: that answer is known at once
	return hits, json.Unmarshal(ids, &hits)
}

// searchCondition is what a search adds to a list's WHERE clause. With hits from the search
// index, the query reads only those rows (handed over as one JSON array, which SQLite's
// json_each turns back into ids), and LIKE checks each: the index ignores the case of every
// letter, LIKE only of A to Z, so the check keeps the answer the same either way.
func searchCondition(t Table, term string, hits []int64, p *params) string {
	if hits == nil {
		return containsTerm(t.Search, term, p) // store.go
	}
	ids, _ := json.Marshal(hits) // a list of numbers always encodes
	return t.DBTable + ".id IN (SELECT value FROM json_each(" + p.add(string(ids)) + ")) AND " + containsTerm(t.Search, term, p)
}

// count returns how many rows a list matches, on all its pages. With no search, or a search
// through the search index, one query counts them without reading every row. A search that
// reads every row of a big table is counted in parts: SQLite answers a query on one CPU, so
// the ids are split into one range per CPU, each counted on a connection of its own at the
// same time, which takes about 1/CPUs of the time.
func (s *Store) count(ctx context.Context, t Table, q ListQuery, hits []int64) (int64, error) {
	query, p := countQuery(t, q, hits) // store.go
	if !readsEveryRow(q, hits) {       // bigtables.go
		return s.countRows(ctx, query, p) // store.go
	}
	first, last, err := s.idRange(ctx, t) // bigtables.go
	if err != nil {
		return 0, err
	}
	parts := int64(runtime.GOMAXPROCS(0))
	if parts == 1 || last-first < bigTable {
		return s.countRows(ctx, query, p)
	}
	return s.countInRanges(ctx, query, p, first, last, parts)
}

// countInRanges runs a count query with a WHERE clause once for each of parts ranges of the
// ids from first to last, all at the same time, and adds up the counts.
func (s *Store) countInRanges(ctx context.Context, query string, p params, first, last, parts int64) (int64, error) {
	query += " AND id >= " + placeholder(len(p)+1) + " AND id < " + placeholder(len(p)+2)
	size := (last-first)/parts + 1 // parts ranges of size ids cover first to last
	counts := make([]int64, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for i := range parts {
		from := first + i*size
		wg.Go(func() { counts[i], errs[i] = s.countRows(ctx, query, append(slices.Clone(p), from, from+size)) })
	}
	wg.Wait()
	var total int64
	for _, count := range counts {
		total += count
	}
	return total, errors.Join(errs...)
}

// phrase writes term as one FTS5 phrase: in double quotes, its own double quotes doubled, so
// the index looks for the text as it is and never reads it as query syntax (OR, NOT, *).
func phrase(term string) string {
	return `"` + strings.ReplaceAll(term, `"`, `""`) + `"`
}

// uniqueViolation returns the column a failed INSERT or UPDATE would have duplicated, or ""
// when err is something else. SQLite says "UNIQUE constraint failed: users.email (2067)".
func uniqueViolation(err error) string {
	return constraintColumn(err, "UNIQUE constraint failed: ")
}

// notNullViolation returns the column a failed INSERT or UPDATE left empty (NULL) although the
// table requires a value there, or "" when err is something else. SQLite says
// "NOT NULL constraint failed: notes.body (1299)".
func notNullViolation(err error) string {
	return constraintColumn(err, "NOT NULL constraint failed: ")
}

// constraintColumn returns the column named after prefix in a SQLite constraint error
// ("prefix table.column (code)"), or "" when the error does not start that way.
func constraintColumn(err error, prefix string) string {
	_, after, found := strings.Cut(err.Error(), prefix)
	if !found {
		return ""
	}
	tableColumn, _, _ := strings.Cut(after, " ")
	tableColumn, _, _ = strings.Cut(tableColumn, ",") // a constraint over several columns: the first
	_, column, _ := strings.Cut(tableColumn, ".")
	return column
}
