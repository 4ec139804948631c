// Many authors saved at once, as when many people use the app together: every save must
// wait its turn for the database and succeed, never fail with "database is locked", and every
// save that succeeded must be there afterwards. Made by `fastopp add model Author`.

package services_test

import (
	"database/sql"
	"strconv"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestAuthorServiceConcurrentSaves(t *testing.T) {
	const savesEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			ctx := t.Context()
			db := testutil.NewDB(t)
			service := services.NewAuthorService(db)
			_, before, err := service.List(ctx, services.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shared, err := service.Create(ctx, models.CreateAuthorParams{
				Name: "Name 1",
				Bio:  sql.NullString{String: "Some bio, number 1.", Valid: true},
				Type: sql.NullString{String: "Type 1", Valid: true},
				Func: sql.NullInt64{Int64: 41, Valid: true},
			})
			if err != nil {
				t.Fatal(err)
			}

			testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
				// Everyone changes the same author, one writer after another.
				params := models.UpdateAuthorParams{ID: shared.ID, Name: "Name 2", Bio: sql.NullString{String: "Some bio, number 2.", Valid: true}, Type: sql.NullString{String: "Type 2", Valid: true}, Func: sql.NullInt64{Int64: 42, Valid: true}}
				if (writer+n)%2 == 0 {
					params = models.UpdateAuthorParams{ID: shared.ID, Name: "Name 1", Bio: sql.NullString{String: "Some bio, number 1.", Valid: true}, Type: sql.NullString{String: "Type 1", Valid: true}, Func: sql.NullInt64{Int64: 41, Valid: true}}
				}
				if _, err := service.Update(ctx, params); err != nil {
					return err
				}
				return nil
			})
			_, after, err := service.List(ctx, services.ListOptions{})
			// A unique field keeps every writer from adding the same sample: only the one author.
			want := before + 1
			if err != nil || after != want {
				t.Errorf("%d authors after the saves (%v), want %d", after, err, want)
			}
			if _, err := service.Get(ctx, shared.ID); err != nil {
				t.Errorf("the author everyone changed: %v", err)
			}
		})
	}
}
