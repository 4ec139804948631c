// Many demo_webinars saved at once, as when many people use the app together: every save must
// wait its turn for the database and succeed, never fail with "database is locked", and every
// save that succeeded must be there afterwards. Written as `fastopp add model DemoWebinar` writes them.

package services_test

import (
	"database/sql"
	"strconv"
	"testing"
	"time"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestDemoWebinarServiceConcurrentSaves(t *testing.T) {
	const savesEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			ctx := t.Context()
			db := testutil.NewDB(t)
			service := services.NewDemoWebinarService(db)
			_, before, err := service.List(ctx, services.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shared, err := service.Create(ctx, models.CreateDemoWebinarParams{
				Title:       "Title 1",
				Presenter:   "Presenter 1",
				StartsAt:    time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC),
				Description: sql.NullString{String: "Some description, number 1.", Valid: true},
			})
			if err != nil {
				t.Fatal(err)
			}

			testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
				// Everyone changes the same demo webinar, one writer after another.
				params := models.UpdateDemoWebinarParams{ID: shared.ID, Title: "Title 2", Presenter: "Presenter 2", StartsAt: time.Date(2030, 1, 2, 14, 30, 0, 0, time.UTC), Description: sql.NullString{String: "Some description, number 2.", Valid: true}}
				if (writer+n)%2 == 0 {
					params = models.UpdateDemoWebinarParams{ID: shared.ID, Title: "Title 1", Presenter: "Presenter 1", StartsAt: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Description: sql.NullString{String: "Some description, number 1.", Valid: true}}
				}
				if _, err := service.Update(ctx, params); err != nil {
					return err
				}
				// And adds one of its own, then deletes its last.
				created, err := service.Create(ctx, models.CreateDemoWebinarParams{
					Title:       "Title 1",
					Presenter:   "Presenter 1",
					StartsAt:    time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC),
					Description: sql.NullString{String: "Some description, number 1.", Valid: true},
				})
				if err == nil && n == savesEach-1 {
					err = service.Delete(ctx, created.ID)
				}
				return err
			})
			_, after, err := service.List(ctx, services.ListOptions{})
			// Each writer kept all its demo_webinars but the last, which it deleted.
			want := before + 1 + int64(writers*(savesEach-1))
			if err != nil || after != want {
				t.Errorf("%d demo_webinars after the saves (%v), want %d", after, err, want)
			}
			if _, err := service.Get(ctx, shared.ID); err != nil {
				t.Errorf("the demo webinar everyone changed: %v", err)
			}
		})
	}
}
