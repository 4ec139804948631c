// A statement cache: each query's SQL is prepared once and the prepared statement is used
// again, instead of the database parsing and planning the same SQL on every request.

package database

import (
	"context"
	"database/sql"
	"sync"
)

// Statements runs queries through prepared statements, preparing each SQL text the first time
// it is used. Give it to the sqlc queries, models.New(database.NewStatements(db)), in place of
// db: parsing a query took SQLite about as long as running it, for the small queries of a
// page. database/sql prepares a statement again on each connection that runs it, by itself.
//
// NewStatements keeps every text it sees: use it for SQL fixed in the program, such as sqlc's.
// For SQL built for each request (the admin's lists) use NewStatementsUpTo, which stops keeping
// new texts at a limit. Transactions (WithTx) do not go through it. PostgreSQL's driver (pgx) already keeps its own cache per
// connection, so there it changes little; it keeps the code the same for both engines.
type Statements struct {
	db    *sql.DB
	limit int // the most texts kept prepared; 0 for no limit

	mu       sync.RWMutex
	prepared map[string]*sql.Stmt // by SQL text
}

// NewStatements returns a statement cache over db.
func NewStatements(db *sql.DB) *Statements {
	return &Statements{db: db, prepared: map[string]*sql.Stmt{}}
}

// NewStatementsUpTo returns a statement cache over db that keeps at most limit SQL texts
// prepared, the first ones it sees, and runs any other text as it is. The texts of the
// admin's lists (one per table, sort, filters and kind of search) are many but the common
// ones come first, and the limit keeps the rest from growing the cache without end.
func NewStatementsUpTo(db *sql.DB, limit int) *Statements {
	return &Statements{db: db, limit: limit, prepared: map[string]*sql.Stmt{}}
}

// Len is how many SQL texts the cache keeps prepared.
func (s *Statements) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.prepared)
}

// statement returns the prepared statement for query, preparing it the first time; nil when
// the cache is full and query must run as it is.
func (s *Statements) statement(ctx context.Context, query string) (*sql.Stmt, error) {
	s.mu.RLock()
	stmt, found := s.prepared[query]
	s.mu.RUnlock()
	if found {
		return stmt, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if stmt, found := s.prepared[query]; found { // prepared by another request meanwhile
		return stmt, nil
	}
	if s.limit > 0 && len(s.prepared) >= s.limit {
		return nil, nil
	}
	stmt, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.prepared[query] = stmt
	return stmt, nil
}

// ExecContext runs a statement that returns no rows.
func (s *Statements) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	stmt, err := s.statement(ctx, query)
	switch {
	case err != nil:
		return nil, err
	case stmt == nil:
		return s.db.ExecContext(ctx, query, args...)
	}
	return stmt.ExecContext(ctx, args...)
}

// QueryContext runs a query that returns rows.
func (s *Statements) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	stmt, err := s.statement(ctx, query)
	switch {
	case err != nil:
		return nil, err
	case stmt == nil:
		return s.db.QueryContext(ctx, query, args...)
	}
	return stmt.QueryContext(ctx, args...)
}

// QueryRowContext runs a query that returns one row.
func (s *Statements) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	stmt, err := s.statement(ctx, query)
	if err != nil || stmt == nil {
		return s.db.QueryRowContext(ctx, query, args...) // as it is, or a *sql.Row that carries the error
	}
	return stmt.QueryRowContext(ctx, args...)
}

// PrepareContext prepares a statement for the caller to use and close.
func (s *Statements) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return s.db.PrepareContext(ctx, query)
}
