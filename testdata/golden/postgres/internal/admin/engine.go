// The PostgreSQL parts of the admin's SQL: how a query marks its parameters, searches without
// regard to case and reports a duplicate. This is the only admin file that differs between SQLite and PostgreSQL apps.

package admin

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// placeholder is how the nth parameter (from 1) is written in a query: PostgreSQL wants $1, $2...
func placeholder(n int) string {
	return "$" + itoa(n)
}

// containsIgnoringCase is the search condition: PostgreSQL's ILIKE is LIKE ignoring case.
func containsIgnoringCase(column, pattern string) string {
	return column + " ILIKE " + pattern + ` ESCAPE '\'`
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
