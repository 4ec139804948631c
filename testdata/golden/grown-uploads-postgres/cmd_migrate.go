// The migrate command applies, rolls back, lists and creates database migrations (goose).
// serve applies pending migrations at start; use this to inspect them or undo the last one.

package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pressly/goose/v3"

	"myapp/internal/config"
	"myapp/internal/database"
)

const migrateUsage = "usage: go run . migrate up|down|status|create NAME"

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(migrateUsage)
	}
	if args[0] == "create" {
		if len(args) != 2 {
			return errors.New("usage: go run . migrate create NAME, for example: go run . migrate create add_tags")
		}
		return createMigration(stdout, database.MigrationsDir, args[1], time.Now())
	}
	if len(args) != 1 || !slices.Contains([]string{"up", "down", "status"}, args[0]) {
		return errors.New(migrateUsage)
	}

	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return err
	}
	db, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	migrator, err := database.NewMigrator(db)
	if err != nil {
		return err
	}

	switch args[0] {
	case "up":
		results, err := migrator.Up(ctx)
		if err != nil {
			return fmt.Errorf("apply migrations: %w (the failed migration was rolled back; fix its file and run again)", err)
		}
		for _, result := range results {
			fmt.Fprintln(stdout, result)
		}
		if len(results) == 0 {
			fmt.Fprintln(stdout, "Nothing to apply: the database is up to date.")
		}
	case "down":
		result, err := migrator.Down(ctx)
		if errors.Is(err, goose.ErrNoNextVersion) {
			fmt.Fprintln(stdout, "Nothing to roll back: no migration is applied.")
			return nil
		}
		if err != nil {
			return fmt.Errorf("roll back the last migration: %w", err)
		}
		fmt.Fprintln(stdout, result)
	case "status":
		statuses, err := migrator.Status(ctx)
		if err != nil {
			return fmt.Errorf("read the migration status: %w", err)
		}
		for _, s := range statuses {
			applied := "pending"
			if s.State == goose.StateApplied {
				applied = "applied " + s.AppliedAt.Local().Format(time.DateTime)
			}
			fmt.Fprintf(stdout, "%-28s %s\n", applied, filepath.Base(s.Source.Path))
		}
	}
	return nil
}

// createMigration writes an empty migration file, named with the current time so files sort
// in the order they were written, and says what to do next.
func createMigration(stdout io.Writer, dir, name string, now time.Time) error {
	name = strings.ToLower(strings.NewReplacer(" ", "_", "-", "_").Replace(name))
	// The name becomes part of a file name, so only plain characters are allowed.
	if !regexp.MustCompile(`^[a-z][a-z0-9_]*$`).MatchString(name) {
		return fmt.Errorf("migration name %q: use letters, digits and underscores, starting with a letter, for example add_tags", name)
	}
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("cannot find %s: run this command from the project's root folder (the one with go.mod)", dir)
	}
	path := filepath.Join(dir, now.UTC().Format("20060102150405")+"_"+name+".sql")
	content := fmt.Sprintf(`-- %s: describe what this migration changes and why.

-- +goose Up
-- Write the SQL that makes the change, for example:
-- ALTER TABLE notes ADD COLUMN title TEXT NOT NULL DEFAULT '';

-- +goose Down
-- Write the SQL that undoes it, for example:
-- ALTER TABLE notes DROP COLUMN title;
`, name)
	// O_EXCL: never overwrite an existing file.
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if _, err := file.WriteString(content); err != nil {
		file.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(stdout, "Created %s\n\nNext:\n", path)
	fmt.Fprintln(stdout, "  1. Write the change under -- +goose Up and how to undo it under -- +goose Down.")
	fmt.Fprintln(stdout, "  2. Run `go run . migrate up` (or restart `go run . serve`, which applies it).")
	fmt.Fprintln(stdout, "  3. If you changed tables that queries use, regenerate internal/models:")
	fmt.Fprintln(stdout, "     go run github.com/sqlc-dev/sqlc/cmd/sqlc@v1.31.1 generate")
	return nil
}

// openMigrated opens the database and applies any pending migrations, as serve does at start:
// what every command that works on the app's data does first. Close the database when done.
func openMigrated(ctx context.Context, cfg config.Config) (*sql.DB, error) {
	db, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if _, err := database.Migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
