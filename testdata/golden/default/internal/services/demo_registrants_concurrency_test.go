// Many demo_registrants saved at once, as when many people use the app together: every save must
// wait its turn for the database and succeed, never fail with "database is locked", and every
// save that succeeded must be there afterwards. Written as `fastopp add model DemoRegistrant` writes them.

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

func TestDemoRegistrantServiceConcurrentSaves(t *testing.T) {
	const savesEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			ctx := t.Context()
			db := testutil.NewDB(t)
			service := services.NewDemoRegistrantService(db)
			files, _ := testutil.Files(t, db) // Delete deletes the files too
			webinarID := testutil.InsertRow(t, db, "INSERT INTO demo_webinars (title, presenter, starts_at) VALUES (?1, ?2, ?3) RETURNING id", "Title 9", "Presenter 9", time.Date(2030, 1, 9, 14, 30, 0, 0, time.UTC))
			_, before, err := service.List(ctx, services.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shared, err := service.Create(ctx, models.CreateDemoRegistrantParams{
				WebinarID: webinarID,
				Name:      "Name 1",
				Email:     "Email 1",
				Company:   sql.NullString{String: "Company 1", Valid: true},
				Notes:     sql.NullString{String: "Some notes, number 1.", Valid: true},
				Photo:     sql.NullString{String: "Photo 1", Valid: true},
			})
			if err != nil {
				t.Fatal(err)
			}

			testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
				// Everyone changes the same demo registrant, one writer after another.
				params := models.UpdateDemoRegistrantParams{ID: shared.ID, WebinarID: webinarID, Name: "Name 2", Email: "Email 2", Company: sql.NullString{String: "Company 2", Valid: true}, Notes: sql.NullString{String: "Some notes, number 2.", Valid: true}, Photo: sql.NullString{String: "Photo 2", Valid: true}}
				if (writer+n)%2 == 0 {
					params = models.UpdateDemoRegistrantParams{ID: shared.ID, WebinarID: webinarID, Name: "Name 1", Email: "Email 1", Company: sql.NullString{String: "Company 1", Valid: true}, Notes: sql.NullString{String: "Some notes, number 1.", Valid: true}, Photo: sql.NullString{String: "Photo 1", Valid: true}}
				}
				if _, err := service.Update(ctx, params); err != nil {
					return err
				}
				// And adds one of its own, then deletes its last.
				created, err := service.Create(ctx, models.CreateDemoRegistrantParams{
					WebinarID: webinarID,
					Name:      "Name 1",
					Email:     "Email 1",
					Company:   sql.NullString{String: "Company 1", Valid: true},
					Notes:     sql.NullString{String: "Some notes, number 1.", Valid: true},
					Photo:     sql.NullString{String: "Photo 1", Valid: true},
				})
				if err == nil && n == savesEach-1 {
					err = service.Delete(ctx, db, files, created.ID)
				}
				return err
			})
			_, after, err := service.List(ctx, services.ListOptions{})
			// Each writer kept all its demo_registrants but the last, which it deleted.
			want := before + 1 + int64(writers*(savesEach-1))
			if err != nil || after != want {
				t.Errorf("%d demo_registrants after the saves (%v), want %d", after, err, want)
			}
			if _, err := service.Get(ctx, shared.ID); err != nil {
				t.Errorf("the demo registrant everyone changed: %v", err)
			}
		})
	}
}
