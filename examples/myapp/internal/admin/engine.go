// The SQLite parts of the admin's SQL: how a query marks its parameters, searches without
// regard to case and reports a duplicate. This is the only admin file that differs between SQLite and PostgreSQL apps.

package admin

import "strings"

// placeholder is how the nth parameter (from 1) is written in a query: SQLite numbers them ?1, ?2...
func placeholder(n int) string {
	return "?" + itoa(n)
}

// containsIgnoringCase is the search condition: SQLite's LIKE already ignores the case of
// ASCII letters, and is much faster without LOWER() on every row. Like LOWER(), it leaves
// other letters (É and é) as they are.
func containsIgnoringCase(column, pattern string) string {
	return column + " LIKE " + pattern + ` ESCAPE '\'`
}

// uniqueViolation returns the column a failed INSERT or UPDATE would have duplicated, or ""
// when err is something else. SQLite says "UNIQUE constraint failed: users.email (2067)".
func uniqueViolation(err error) string {
	_, after, found := strings.Cut(err.Error(), "UNIQUE constraint failed: ")
	if !found {
		return ""
	}
	tableColumn, _, _ := strings.Cut(after, " ")
	tableColumn, _, _ = strings.Cut(tableColumn, ",") // a constraint over several columns: the first
	_, column, _ := strings.Cut(tableColumn, ".")
	return column
}
