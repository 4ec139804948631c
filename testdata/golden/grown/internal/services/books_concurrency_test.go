// Many books saved at once, as when many people use the app together: every save must
// wait its turn for the database and succeed, never fail with "database is locked", and every
// save that succeeded must be there afterwards. Made by `fastopp add model Book`.

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

func TestBookServiceConcurrentSaves(t *testing.T) {
	const savesEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			ctx := t.Context()
			db := testutil.NewDB(t)
			service := services.NewBookService(db)
			authorID := testutil.InsertRow(t, db, "INSERT INTO authors (name) VALUES (?1) RETURNING id", "Name 9")
			ownerID := testutil.InsertRow(t, db, "INSERT INTO users (email, password_hash) VALUES (?1, ?2) RETURNING id", "owner@example.com", "!")
			_, before, err := service.List(ctx, services.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shared, err := service.Create(ctx, models.CreateBookParams{
				Title:     "Title 1",
				Pages:     41,
				Published: true,
				AuthorID:  authorID,
				OwnerID:   ownerID,
				Summary:   sql.NullString{String: "Some summary, number 1.", Valid: true},
				Price:     sql.NullString{String: "11.50", Valid: true},
				Released:  time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
				Rating:    1.5,
			})
			if err != nil {
				t.Fatal(err)
			}

			testutil.Concurrently(t, writers, savesEach, func(writer, n int) error {
				// Everyone changes the same book, one writer after another.
				params := models.UpdateBookParams{ID: shared.ID, Title: "Title 2", Pages: 42, Published: true, AuthorID: authorID, OwnerID: ownerID, Summary: sql.NullString{String: "Some summary, number 2.", Valid: true}, Price: sql.NullString{String: "12.50", Valid: true}, Released: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC), Rating: 2.5}
				if (writer+n)%2 == 0 {
					params = models.UpdateBookParams{ID: shared.ID, Title: "Title 1", Pages: 41, Published: true, AuthorID: authorID, OwnerID: ownerID, Summary: sql.NullString{String: "Some summary, number 1.", Valid: true}, Price: sql.NullString{String: "11.50", Valid: true}, Released: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Rating: 1.5}
				}
				if _, err := service.Update(ctx, params); err != nil {
					return err
				}
				// And adds one of its own, then deletes its last.
				created, err := service.Create(ctx, models.CreateBookParams{
					Title:     "Title 1",
					Pages:     41,
					Published: true,
					AuthorID:  authorID,
					OwnerID:   ownerID,
					Summary:   sql.NullString{String: "Some summary, number 1.", Valid: true},
					Price:     sql.NullString{String: "11.50", Valid: true},
					Released:  time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
					Rating:    1.5,
				})
				if err == nil && n == savesEach-1 {
					err = service.Delete(ctx, created.ID)
				}
				return err
			})
			_, after, err := service.List(ctx, services.ListOptions{})
			// Each writer kept all its books but the last, which it deleted.
			want := before + 1 + int64(writers*(savesEach-1))
			if err != nil || after != want {
				t.Errorf("%d books after the saves (%v), want %d", after, err, want)
			}
			if _, err := service.Get(ctx, shared.ID); err != nil {
				t.Errorf("the book everyone changed: %v", err)
			}
		})
	}
}
