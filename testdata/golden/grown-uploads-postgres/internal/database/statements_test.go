// Tests for the statement cache: the same answers as the database gives, from many requests
// at once, and errors that reach the caller.

package database_test

import (
	"fmt"
	"strings"
	"testing"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/testutil"
)

func TestStatementsAnswerLikeTheDatabase(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := t.Context()
	queries := models.New(database.NewStatements(db))
	testutil.Concurrently(t, 32, 10, func(writer, n int) error {
		body := fmt.Sprintf("note %d.%d", writer, n)
		note, err := queries.CreateNote(ctx, body) // an INSERT ... RETURNING: a write through the cache
		if err == nil && note.Body != body {
			err = fmt.Errorf("saved %q, read back %q", body, note.Body)
		}
		if err == nil {
			_, err = queries.ListNotes(ctx, 5) // and reads, on every connection of the pool
		}
		return err
	})
	if count, err := queries.CountNotes(ctx); err != nil || count != 320 {
		t.Errorf("CountNotes: %d, %v; want 320", count, err)
	}
}

// A cache with a limit keeps that many texts prepared and answers every other text as the
// database does, from many requests at once.
func TestStatementsUpToALimit(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := t.Context()
	const limit, texts = 3, 10
	statements := database.NewStatementsUpTo(db, limit)
	testutil.Concurrently(t, 16, 20, func(writer, n int) error {
		want := writer*1000 + n
		// Every query is a text of its own: 320 texts, of which the cache keeps 3.
		query := fmt.Sprintf("SELECT %d AS column_%d", want, (writer+n)%texts)
		var got int
		if err := statements.QueryRowContext(ctx, query).Scan(&got); err != nil || got != want {
			return fmt.Errorf("%s: %d, %v", query, got, err)
		}
		rows, err := statements.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		if !rows.Next() || rows.Scan(&got) != nil || got != want {
			return fmt.Errorf("%s through QueryContext: %d, %v", query, got, rows.Err())
		}
		return nil
	})
	if got := statements.Len(); got != limit {
		t.Errorf("the cache keeps %d texts, want %d", got, limit)
	}
	if got := database.NewStatements(db).Len(); got != 0 {
		t.Errorf("a new cache keeps %d texts", got)
	}
}

func TestStatementsReportErrors(t *testing.T) {
	statements := database.NewStatements(testutil.NewDB(t))
	ctx := t.Context()
	for range 2 { // a query that failed to prepare is not kept: the second try fails the same way
		if _, err := statements.QueryContext(ctx, "SELECT id FROM no_such_table"); err == nil || !strings.Contains(err.Error(), "no_such_table") {
			t.Errorf("QueryContext: %v, want an error naming no_such_table", err)
		}
		var n int
		if err := statements.QueryRowContext(ctx, "SELECT id FROM no_such_table").Scan(&n); err == nil {
			t.Error("QueryRowContext: no error for a table that does not exist")
		}
		if _, err := statements.ExecContext(ctx, "DELETE FROM no_such_table"); err == nil {
			t.Error("ExecContext: no error for a table that does not exist")
		}
	}
}

// BenchmarkStatements compares a small query run straight on the pool with the same query
// through the statement cache, many at once:
// go test ./internal/database -run '^$' -bench Statements -benchtime 20000x -count 3
func BenchmarkStatements(b *testing.B) {
	db := testutil.NewDB(b)
	ctx := b.Context()
	for n := range 10 {
		if _, err := models.New(db).CreateNote(ctx, fmt.Sprintf("note %d", n)); err != nil {
			b.Fatal(err)
		}
	}
	for _, bench := range []struct {
		name    string
		queries *models.Queries
	}{
		{"parsed each time", models.New(db)},
		{"prepared once", models.New(database.NewStatements(db))},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := bench.queries.ListNotes(ctx, 1); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
