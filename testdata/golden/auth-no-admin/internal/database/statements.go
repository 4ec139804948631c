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
// Use it only for SQL fixed in the program, such as sqlc's: it keeps every text it sees, so SQL
// built for each request (the admin's lists) would make it grow without end. Transactions
// (WithTx) do not go through it. PostgreSQL's driver (pgx) already keeps its own cache per
// connection, so there it changes little; it keeps the code the same for both engines.
type Statements struct {
	db *sql.DB

	mu       sync.RWMutex
	prepared map[string]*sql.Stmt // by SQL text
}

// NewStatements returns a statement cache over db.
func NewStatements(db *sql.DB) *Statements {
	return &Statements{db: db, prepared: map[string]*sql.Stmt{}}
}

// statement returns the prepared statement for query, preparing it the first time.
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
	if err != nil {
		return nil, err
	}
	return stmt.ExecContext(ctx, args...)
}

// QueryContext runs a query that returns rows.
func (s *Statements) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	stmt, err := s.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	return stmt.QueryContext(ctx, args...)
}

// QueryRowContext runs a query that returns one row.
func (s *Statements) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	stmt, err := s.statement(ctx, query)
	if err != nil {
		return s.db.QueryRowContext(ctx, query, args...) // a *sql.Row that carries the same error
	}
	return stmt.QueryRowContext(ctx, args...)
}

// PrepareContext prepares a statement for the caller to use and close.
func (s *Statements) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return s.db.PrepareContext(ctx, query)
}
