// Many people saved at once, as when many people use the app together: every save must
// wait its turn for the database and succeed, never fail with "database is locked", and every
// save that succeeded must be there afterwards. Made by `fastopp add model Person`.

package services_test

import (
	"database/sql"
	"strconv"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestPersonServiceConcurrentSaves(t *testing.T) {
	const savesEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			ctx := t.Context()
			db := testutil.NewDB(t)
			service := services.NewPersonService(db)
			files, _ := testutil.Files(t, db) // Delete deletes the files too
			_, before, err := service.List(ctx, services.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shared, err := service.Create(ctx, models.CreatePersonParams{
				Name:  "Name 1",
				Photo: "Photo 1",
				Cv:    sql.NullString{String: "Cv 1", Valid: true},
			})
			if err != nil {
				t.Fatal(err)
			}

			testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
				// Everyone changes the same person, one writer after another.
				params := models.UpdatePersonParams{ID: shared.ID, Name: "Name 2", Photo: "Photo 2", Cv: sql.NullString{String: "Cv 2", Valid: true}}
				if (writer+n)%2 == 0 {
					params = models.UpdatePersonParams{ID: shared.ID, Name: "Name 1", Photo: "Photo 1", Cv: sql.NullString{String: "Cv 1", Valid: true}}
				}
				if _, err := service.Update(ctx, params); err != nil {
					return err
				}
				// And adds one of its own, then deletes its last.
				created, err := service.Create(ctx, models.CreatePersonParams{
					Name:  "Name 1",
					Photo: "Photo 1",
					Cv:    sql.NullString{String: "Cv 1", Valid: true},
				})
				if err == nil && n == savesEach-1 {
					err = service.Delete(ctx, db, files, created.ID)
				}
				return err
			})
			_, after, err := service.List(ctx, services.ListOptions{})
			// Each writer kept all its people but the last, which it deleted.
			want := before + 1 + int64(writers*(savesEach-1))
			if err != nil || after != want {
				t.Errorf("%d people after the saves (%v), want %d", after, err, want)
			}
			if _, err := service.Get(ctx, shared.ID); err != nil {
				t.Errorf("the person everyone changed: %v", err)
			}
		})
	}
}
