// Many categories saved at once, as when many people use the app together: every save must
// wait its turn for the database and succeed, never fail with "database is locked", and every
// save that succeeded must be there afterwards. Made by `fastopp add model Category`.

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

func TestCategoryServiceConcurrentSaves(t *testing.T) {
	const savesEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			ctx := t.Context()
			db := testutil.NewDB(t)
			service := services.NewCategoryService(db)
			files, _ := testutil.Files(t, db) // Delete deletes the files too
			parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
			_, before, err := service.List(ctx, services.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shared, err := service.Create(ctx, models.CreateCategoryParams{
				Name:     "Name 1",
				ParentID: sql.NullInt64{Int64: parentID, Valid: true},
				Meta:     sql.NullString{String: "{\"size\": 1}", Valid: true},
				Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174001", Valid: true},
				Cover:    sql.NullString{String: "Cover 1", Valid: true},
				Manual:   sql.NullString{String: "Manual 1", Valid: true},
				StartsAt: sql.NullTime{Time: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Valid: true},
				Views:    41,
				Day:      sql.NullTime{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
				Featured: sql.NullBool{Bool: true, Valid: true},
			})
			if err != nil {
				t.Fatal(err)
			}

			testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
				// Everyone changes the same category, one writer after another.
				params := models.UpdateCategoryParams{ID: shared.ID, Name: "Name 2", ParentID: sql.NullInt64{Int64: parentID, Valid: true}, Meta: sql.NullString{String: "{\"size\": 2}", Valid: true}, Code: sql.NullString{String: "123e4567-e89b-12d3-a456-426614174002", Valid: true}, Cover: sql.NullString{String: "Cover 2", Valid: true}, Manual: sql.NullString{String: "Manual 2", Valid: true}, StartsAt: sql.NullTime{Time: time.Date(2030, 1, 2, 14, 30, 0, 0, time.UTC), Valid: true}, Views: 42, Day: sql.NullTime{Time: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC), Valid: true}, Featured: sql.NullBool{Bool: true, Valid: true}}
				if (writer+n)%2 == 0 {
					params = models.UpdateCategoryParams{ID: shared.ID, Name: "Name 1", ParentID: sql.NullInt64{Int64: parentID, Valid: true}, Meta: sql.NullString{String: "{\"size\": 1}", Valid: true}, Code: sql.NullString{String: "123e4567-e89b-12d3-a456-426614174001", Valid: true}, Cover: sql.NullString{String: "Cover 1", Valid: true}, Manual: sql.NullString{String: "Manual 1", Valid: true}, StartsAt: sql.NullTime{Time: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Valid: true}, Views: 41, Day: sql.NullTime{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true}, Featured: sql.NullBool{Bool: true, Valid: true}}
				}
				if _, err := service.Update(ctx, params); err != nil {
					return err
				}
				// And adds one of its own, then deletes its last.
				created, err := service.Create(ctx, models.CreateCategoryParams{
					Name:     "Name 1",
					ParentID: sql.NullInt64{Int64: parentID, Valid: true},
					Meta:     sql.NullString{String: "{\"size\": 1}", Valid: true},
					Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174001", Valid: true},
					Cover:    sql.NullString{String: "Cover 1", Valid: true},
					Manual:   sql.NullString{String: "Manual 1", Valid: true},
					StartsAt: sql.NullTime{Time: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Valid: true},
					Views:    41,
					Day:      sql.NullTime{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
					Featured: sql.NullBool{Bool: true, Valid: true},
				})
				if err == nil && n == savesEach-1 {
					err = service.Delete(ctx, db, files, created.ID)
				}
				return err
			})
			_, after, err := service.List(ctx, services.ListOptions{})
			// Each writer kept all its categories but the last, which it deleted.
			want := before + 1 + int64(writers*(savesEach-1))
			if err != nil || after != want {
				t.Errorf("%d categories after the saves (%v), want %d", after, err, want)
			}
			if _, err := service.Get(ctx, shared.ID); err != nil {
				t.Errorf("the category everyone changed: %v", err)
			}
		})
	}
}
