// Package database opens the database and applies the migrations in migrations/, which are
// embedded in the binary. To change the schema: `go run . migrate create NAME`, then edit the file.
package database

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// MigrationsDir is where `migrate create` writes new migration files, relative to the
// project root.
const MigrationsDir = "internal/database/migrations"

// Open connects to the database at databaseURL and checks that it answers.
// Close the returned *sql.DB when done.
func Open(ctx context.Context, databaseURL string) (*sql.DB, error) {
	dsn, err := dataSourceName(databaseURL)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open the database: %w", err)
	}
	sizePool(db) // engine.go
	// Fail now, with a clear message, rather than on the first request.
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, connectError(databaseURL, err)
	}
	return db, nil
}

// WriteTx runs write in a transaction and commits it when write returns nil; any error, or
// a panic, rolls it back, so its changes are all saved or none is. Every transaction that
// writes goes through here: on SQLite it takes the database's write lock when it begins
// (BEGIN IMMEDIATE, see engine.go), so a transaction that reads before it writes waits its
// turn instead of failing with "database is locked" when another writer got there first.
// Keep write short and free of slow work (a password hash, a call to another server): other
// writers wait while it runs.
func WriteTx(ctx context.Context, db *sql.DB, write func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin a write: %w", err)
	}
	defer tx.Rollback() // does nothing once Commit has run
	if err := write(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// NewMigrator returns a goose Provider for the embedded migrations: it can apply, roll back
// and list them. Migrate covers the common case.
func NewMigrator(db *sql.DB) (*goose.Provider, error) {
	files, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	options, err := migratorOptions()
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(gooseDialect, db, files, options...)
}

// Migrate applies every pending migration and returns the file names it applied. Each
// migration runs in a transaction, so a failed one leaves the database as it was.
func Migrate(ctx context.Context, db *sql.DB) ([]string, error) {
	migrator, err := NewMigrator(db)
	if err != nil {
		return nil, err
	}
	results, err := migrator.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("apply migrations: %w (fix the migration file, then run `go run . migrate up`)", err)
	}
	var applied []string
	for _, result := range results {
		applied = append(applied, path.Base(result.Source.Path))
	}
	return applied, nil
}
