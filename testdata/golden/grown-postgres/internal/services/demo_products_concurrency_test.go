// Many demo_products saved at once, as when many people use the app together: every save must
// wait its turn for the database and succeed, never fail with "database is locked", and every
// save that succeeded must be there afterwards. Written as `fastopp add model DemoProduct` writes them.

package services_test

import (
	"database/sql"
	"strconv"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestDemoProductServiceConcurrentSaves(t *testing.T) {
	const savesEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			ctx := t.Context()
			db := testutil.NewDB(t)
			service := services.NewDemoProductService(db)
			categoryID := testutil.InsertRow(t, db, "INSERT INTO demo_categories (name) VALUES ($1) RETURNING id", "Name 9")
			_, before, err := service.List(ctx, services.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shared, err := service.Create(ctx, models.CreateDemoProductParams{
				Name:        "Name 1",
				CategoryID:  categoryID,
				Price:       "11.50",
				Stock:       41,
				Description: sql.NullString{String: "Some description, number 1.", Valid: true},
			})
			if err != nil {
				t.Fatal(err)
			}

			testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
				// Everyone changes the same demo product, one writer after another.
				params := models.UpdateDemoProductParams{ID: shared.ID, Name: "Name 2", CategoryID: categoryID, Price: "12.50", Stock: 42, Description: sql.NullString{String: "Some description, number 2.", Valid: true}}
				if (writer+n)%2 == 0 {
					params = models.UpdateDemoProductParams{ID: shared.ID, Name: "Name 1", CategoryID: categoryID, Price: "11.50", Stock: 41, Description: sql.NullString{String: "Some description, number 1.", Valid: true}}
				}
				if _, err := service.Update(ctx, params); err != nil {
					return err
				}
				// And adds one of its own, then deletes its last.
				created, err := service.Create(ctx, models.CreateDemoProductParams{
					Name:        "Name 1",
					CategoryID:  categoryID,
					Price:       "11.50",
					Stock:       41,
					Description: sql.NullString{String: "Some description, number 1.", Valid: true},
				})
				if err == nil && n == savesEach-1 {
					err = service.Delete(ctx, created.ID)
				}
				return err
			})
			_, after, err := service.List(ctx, services.ListOptions{})
			// Each writer kept all its demo_products but the last, which it deleted.
			want := before + 1 + int64(writers*(savesEach-1))
			if err != nil || after != want {
				t.Errorf("%d demo_products after the saves (%v), want %d", after, err, want)
			}
			if _, err := service.Get(ctx, shared.ID); err != nil {
				t.Errorf("the demo product everyone changed: %v", err)
			}
		})
	}
}
