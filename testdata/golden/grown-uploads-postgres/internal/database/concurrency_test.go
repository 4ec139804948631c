// Tests for WriteTx under load: many transactions that read, then write, at once. On SQLite a
// plain BEGIN fails some of them at once with "database is locked"; WriteTx must make each
// wait its turn.

package database_test

import (
	"database/sql"
	"fmt"
	"strconv"
	"testing"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/testutil"
)

func TestWriteTxWaitsItsTurn(t *testing.T) {
	const writesEach = 5
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			db := testutil.NewDB(t)
			ctx := t.Context()
			testutil.Concurrently(t, writers, writesEach, func(writer, n int) error {
				return database.WriteTx(ctx, db, func(tx *sql.Tx) error {
					// A read first: with a deferred BEGIN this is what made SQLite refuse the
					// write that follows, when another writer committed in between.
					var before int
					if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM notes").Scan(&before); err != nil {
						return err
					}
					_, err := models.New(tx).CreateNote(ctx, fmt.Sprintf("writer %d, note %d, after %d", writer, n, before))
					return err
				})
			})
			var saved int
			if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM notes").Scan(&saved); err != nil {
				t.Fatal(err)
			}
			if saved != writers*writesEach {
				t.Errorf("%d notes saved, want %d", saved, writers*writesEach)
			}
		})
	}
}

func TestWriteTxRollsBackOnError(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := t.Context()
	refused := fmt.Errorf("the form was not valid")
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := models.New(tx).CreateNote(ctx, "half a change"); err != nil {
			return err
		}
		return refused
	})
	if err != refused {
		t.Errorf("WriteTx returned %v, want the error of its function", err)
	}
	var saved int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM notes").Scan(&saved); err != nil || saved != 0 {
		t.Errorf("%d notes saved (%v), want none: the transaction should have been rolled back", saved, err)
	}
}
