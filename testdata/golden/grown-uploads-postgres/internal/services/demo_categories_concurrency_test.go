// Many demo_categories saved at once, as when many people use the app together: every save must
// wait its turn for the database and succeed, never fail with "database is locked", and every
// save that succeeded must be there afterwards. Written as `fastopp add model DemoCategory` writes them.

package services_test

import (
	"strconv"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestDemoCategoryServiceConcurrentSaves(t *testing.T) {
	const savesEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			ctx := t.Context()
			db := testutil.NewDB(t)
			service := services.NewDemoCategoryService(db)
			_, before, err := service.List(ctx, services.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shared, err := service.Create(ctx, "Name 1")
			if err != nil {
				t.Fatal(err)
			}

			testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
				// Everyone changes the same demo category, one writer after another.
				params := models.UpdateDemoCategoryParams{ID: shared.ID, Name: "Name 2"}
				if (writer+n)%2 == 0 {
					params = models.UpdateDemoCategoryParams{ID: shared.ID, Name: "Name 1"}
				}
				if _, err := service.Update(ctx, params); err != nil {
					return err
				}
				return nil
			})
			_, after, err := service.List(ctx, services.ListOptions{})
			// A unique field keeps every writer from adding the same sample: only the one demo category.
			want := before + 1
			if err != nil || after != want {
				t.Errorf("%d demo_categories after the saves (%v), want %d", after, err, want)
			}
			if _, err := service.Get(ctx, shared.ID); err != nil {
				t.Errorf("the demo category everyone changed: %v", err)
			}
		})
	}
}
