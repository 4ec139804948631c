// The admin's SQL, for any declared Table: list with search, filters, sort and pages; get, add,
// change and delete one row. Table and column names come only from the declarations; every
// value a request sends travels as a query parameter, so no request can change the SQL.

package admin

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"myapp/internal/database"
)

// PageSize is how many rows a list page shows.
const PageSize = 50

// ErrNotFound means no row has the id asked for.
var ErrNotFound = errors.New("no such row")

// Store runs the admin's queries on the database.
type Store struct {
	db *sql.DB
	// lists runs the SQL of list pages through prepared statements: SQLite took as long to
	// parse a list's SQL as to run it. The texts differ by table, sort, filters and search,
	// so the cache keeps the first few hundred and runs the rest as they are.
	lists *database.Statements
	now   func() time.Time // always UTC
}

// NewStore returns the admin's store for db.
func NewStore(db *sql.DB) *Store {
	return &Store{db: db, lists: database.NewStatementsUpTo(db, 300), now: func() time.Time { return time.Now().UTC() }}
}

// ListQuery is everything a list page's URL can ask for.
type ListQuery struct {
	Search  string
	Sort    string // a listed column
	Desc    bool
	Page    int                  // from 1
	Filters map[string]bool      // Boolean column -> wanted value
	Equal   map[string]string    // Choice or ForeignKey column -> wanted value (a row's id)
	From    map[string]time.Time // DateTime column -> first day shown
	Until   map[string]time.Time // DateTime column -> the day after the last day shown
	All     bool                 // every matching row, not one page (for the CSV export), uncounted
	Count   bool                 // count the rows even when that is slow (see List)
}

// ListPage is one page of a list, and what is known of the rows on other pages.
type ListPage struct {
	Rows    []Row
	More    bool  // rows follow this page
	Counted bool  // Total has been counted (see List)
	Total   int64 // every row that matches, on all pages
}

// Row is one row of a table: its id and its values by column.
type Row struct {
	ID     int64
	Values map[string]any
}

// params collects a query's values and writes their placeholders ($1 or ?1, see engine.go).
type params []any

func (p *params) add(value any) string {
	*p = append(*p, value)
	return placeholder(len(*p))
}

// where builds the WHERE clause of a list: the search, then the filters. hits are the ids the
// table's search index found for the search, nil when it reads every row (see
// searchIndexHits in engine.go).
func where(t Table, q ListQuery, hits []int64, p *params) string {
	var conditions []string
	if q.Search != "" {
		conditions = append(conditions, searchCondition(t, q.Search, hits, p)) // engine.go
	}
	for _, column := range t.Filters { // the declaration's order keeps the SQL the same each time
		if value, ok := q.Filters[column]; ok {
			conditions = append(conditions, column+" = "+p.add(value))
		}
		f, _ := t.Field(column)
		if value, ok := q.Equal[column]; ok {
			conditions = append(conditions, column+" = "+p.add(filterValue(f, value)))
		}
		if from, ok := q.From[column]; ok {
			conditions = append(conditions, column+" >= "+p.add(dayValue(f, from)))
		}
		if until, ok := q.Until[column]; ok {
			conditions = append(conditions, column+" < "+p.add(dayValue(f, until)))
		}
	}
	if len(conditions) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conditions, " AND ")
}

// filterValue is an Equal filter's value as the column holds it: an id is a number.
func filterValue(f Field, value string) any {
	if f.Kind == ForeignKey {
		id, _ := strconv.ParseInt(value, 10, 64) // parseListQuery kept only numbers
		return id
	}
	return value
}

// dayValue is a range's day as the column holds it: a Date column holds YYYY-MM-DD, which
// sorts like the day it names; a DateTime column holds a time.
func dayValue(f Field, day time.Time) any {
	if f.Kind == Date {
		return day.Format(time.DateOnly)
	}
	return day
}

// containsTerm is a search's condition without an index: term in any of columns (a table's
// Search columns, say), ignoring case (see containsIgnoringCase in engine.go).
func containsTerm(columns []string, term string, p *params) string {
	pattern := p.add("%" + escapeLike(term) + "%")
	var matches []string
	for _, column := range columns {
		matches = append(matches, containsIgnoringCase(column, pattern))
	}
	return "(" + strings.Join(matches, " OR ") + ")"
}

// escapeLike makes % and _ in a search match themselves instead of any text.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// List returns one page of rows, with the listed columns, and how many rows match in all.
// To count them, a search that finds its rows by reading every row (with no search index, or
// a term too common for one) must read every row again. On a big table that takes longer
// than the page itself, so List leaves such a count to a request of its own (q.Count): the
// page shows its rows at once and asks for the total (see partials/admin_table.html).
func (s *Store) List(ctx context.Context, t Table, q ListQuery) (ListPage, error) {
	hits, err := s.searchIndexHits(ctx, t, q.Search) // engine.go
	if err != nil {
		return ListPage{}, err
	}
	var page ListPage
	query, p := pageQuery(t, q, hits)
	if page.Rows, err = queryRows(ctx, s.lists, t.List, query, p...); err != nil {
		return ListPage{}, fmt.Errorf("list %s: %w", t.DBTable, err)
	}
	if q.All {
		return page, nil
	}
	if len(page.Rows) > PageSize { // pageQuery asks for one row more than a page holds
		page.Rows, page.More = page.Rows[:PageSize], true
	}
	if !q.Count {
		slow, err := s.slowToCount(ctx, t, q, hits) // bigtables.go
		if err != nil {
			return ListPage{}, fmt.Errorf("count %s: %w", t.DBTable, err)
		}
		if slow {
			return page, nil // not counted
		}
	}
	if page.Total, err = s.count(ctx, t, q, hits); err != nil { // engine.go
		return ListPage{}, fmt.Errorf("count %s: %w", t.DBTable, err)
	}
	page.Counted = true
	return page, nil
}

// countQuery counts every row a list matches, on all its pages.
func countQuery(t Table, q ListQuery, hits []int64) (string, params) {
	var p params
	return "SELECT COUNT(*) FROM " + t.DBTable + where(t, q, hits, &p), p
}

// countRows runs a query that counts rows.
func (s *Store) countRows(ctx context.Context, query string, p params) (int64, error) {
	var total int64
	err := s.lists.QueryRowContext(ctx, query, p...).Scan(&total)
	return total, err
}

// pageQuery selects the rows of one page of a list, or of all its pages when q.All.
func pageQuery(t Table, q ListQuery, hits []int64) (string, params) {
	direction := " ASC"
	if q.Desc {
		direction = " DESC"
	}
	var p params
	query := "SELECT id, " + strings.Join(t.List, ", ") + " FROM " + t.DBTable + where(t, q, hits, &p) +
		" ORDER BY " + q.Sort + direction + ", id" + direction // id breaks ties, so pages never overlap
	if !q.All { // one row more than a page holds tells whether another page follows
		query += " LIMIT " + p.add(PageSize+1) + " OFFSET " + p.add((q.Page-1)*PageSize)
	}
	return query, p
}

// Count returns how many rows a table has.
func (s *Store) Count(ctx context.Context, t Table) (int64, error) {
	var total int64
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t.DBTable).Scan(&total)
	return total, err
}

// Get returns one row with every declared field, or ErrNotFound.
func (s *Store) Get(ctx context.Context, t Table, id int64) (Row, error) {
	return get(ctx, s.db, t, id)
}

// querier is what a *sql.DB and a *sql.Tx have in common, so get works in a transaction too.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func get(ctx context.Context, db querier, t Table, id int64) (Row, error) {
	return getRow(ctx, db, t, id, "")
}

// getForWrite is get inside a transaction that is about to change or delete the row: on
// PostgreSQL it locks the row (lockForWrite, engine.go) until the transaction ends.
func getForWrite(ctx context.Context, tx querier, t Table, id int64) (Row, error) {
	return getRow(ctx, tx, t, id, lockForWrite)
}

func getRow(ctx context.Context, db querier, t Table, id int64, lock string) (Row, error) {
	columns := fieldColumns(t)
	var p params
	query := "SELECT id, " + strings.Join(columns, ", ") + " FROM " + t.DBTable + " WHERE id = " + p.add(id) + lock
	rows, err := queryRows(ctx, db, columns, query, p...)
	if err != nil {
		return Row{}, fmt.Errorf("get %s %d: %w", t.DBTable, id, err)
	}
	if len(rows) == 0 {
		return Row{}, ErrNotFound
	}
	return rows[0], nil
}

// queryRows runs a query whose first column is id and the others are columns, and returns
// the values as Go values of whatever type the driver gives (see display in values.go).
func queryRows(ctx context.Context, db querier, columns []string, query string, args ...any) ([]Row, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var result []Row
	for rows.Next() {
		var id int64
		values := make([]any, len(columns))
		targets := []any{&id}
		for i := range values {
			targets = append(targets, &values[i])
		}
		if err := rows.Scan(targets...); err != nil {
			return nil, err
		}
		row := Row{ID: id, Values: map[string]any{}}
		for i, column := range columns {
			row.Values[column] = values[i]
		}
		result = append(result, row)
	}
	return result, rows.Err()
}

// fieldColumns returns the column of every declared field.
func fieldColumns(t Table) []string {
	columns := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		columns[i] = f.Column
	}
	return columns
}
