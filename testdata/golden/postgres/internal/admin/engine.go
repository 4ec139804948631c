// The PostgreSQL parts of the admin's SQL: how a query marks its parameters, searches without
// regard to case and reports a duplicate or a missing value. This is the only admin file that differs between SQLite and PostgreSQL apps.

package admin

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// placeholder is how the nth parameter (from 1) is written in a query: PostgreSQL wants $1, $2...
func placeholder(n int) string {
	return "$" + itoa(n)
}

// lockForWrite ends the SELECT that reads a row about to be changed or deleted: the row stays
// locked until the transaction ends, so two saves of one row take turns and each sees what the
// other wrote (the audit log's old values, the uploaded files it replaces).
const lockForWrite = " FOR UPDATE"

// containsIgnoringCase is the search condition: PostgreSQL's ILIKE is LIKE ignoring case.
func containsIgnoringCase(column, pattern string) string {
	return column + " ILIKE " + pattern + ` ESCAPE '\'`
}

// countingReadsEveryRow says whether counting a whole table reads each of its rows: it does in
// PostgreSQL, which looks at every row to know whether this transaction may see it (20 ms for
// 100,000 notes, where their first page takes 0.05 ms). So a big table's list is counted in a
// request of its own, with a search or without (see bigtables.go).
const countingReadsEveryRow = true

// searchIndexHits is always nil on PostgreSQL, which ignores Table.SearchIndex (an SQLite
// FTS5 table): a search reads the rows with ILIKE.
func (s *Store) searchIndexHits(context.Context, Table, string) ([]int64, error) {
	return nil, nil
}

// searchCondition is what a search adds to a list's WHERE clause.
func searchCondition(t Table, term string, _ []int64, p *params) string {
	return containsTerm(t.Search, term, p) // store.go
}

// count returns how many rows a list matches, on all its pages. PostgreSQL itself splits a
// count that must read a big table between several CPUs.
func (s *Store) count(ctx context.Context, t Table, q ListQuery, hits []int64) (int64, error) {
	query, p := countQuery(t, q, hits) // store.go
	return s.countRows(ctx, query, p)  // store.go
}

// uniqueViolation returns the column a failed INSERT or UPDATE would have duplicated, or ""
// when err is something else. PostgreSQL reports code 23505 with the detail
// "Key (email)=(ada@example.com) already exists."
func uniqueViolation(err error) string {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23505" {
		return ""
	}
	_, after, _ := strings.Cut(pgErr.Detail, "Key (")
	column, _, _ := strings.Cut(after, ")")
	column, _, _ = strings.Cut(column, ",")
	return strings.TrimSpace(column)
}

// notNullViolation returns the column a failed INSERT or UPDATE left empty (NULL) although the
// table requires a value there, or "" when err is something else. PostgreSQL reports code
// 23502 and names the column.
func notNullViolation(err error) string {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23502" {
		return ""
	}
	return pgErr.ColumnName
}
