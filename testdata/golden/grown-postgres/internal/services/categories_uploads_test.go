// Tests of the category service's files: setting, replacing and removing a file keeps the
// storage in step with the database; a save that fails leaves no file behind.
// Made by `fastopp add model Category`.

package services_test

import (
	"bytes"
	"database/sql"
	"errors"
	"slices"
	"testing"
	"time"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

func TestCategoryServiceSetCover(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files := uploads.NewFiles(db, store, testutil.Logger(t))
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES ($1, $2) RETURNING id", "Name 9", 49)
	row, err := service.Create(ctx, models.CreateCategoryParams{
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
	stored := func() []string {
		var keys []string
		store.List(ctx, func(key string, _ time.Time) error { keys = append(keys, key); return nil })
		slices.Sort(keys)
		return keys
	}
	upload, err := testutil.UploadPolicy().Accept(uploads.Image, "photo.png", bytes.NewReader(testutil.SamplePNG(t)))
	if err != nil {
		t.Fatal(err)
	}

	if err := service.SetCover(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	first := stored()
	if len(first) != 2 {
		t.Fatalf("stored %v, want the file and its thumbnail", first)
	}
	if err := service.SetCover(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	if second := stored(); len(second) != len(first) || slices.Equal(first, second) {
		t.Errorf("after replacing: %v, want new files in place of %v", second, first)
	}
	if err := service.SetCover(ctx, db, files, row.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := service.Get(ctx, row.ID); err != nil || got.Cover.Valid || len(stored()) != 0 {
		t.Errorf("after removing: %+v, %v, files %v; want no Cover and no file", got, err, stored())
	}
	before := stored()
	if err := service.SetCover(ctx, db, files, row.ID+1000, upload); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("SetCover on a missing category: %v, want ErrNotFound", err)
	}
	if after := stored(); !slices.Equal(before, after) {
		t.Errorf("a failed save left files: %v, before %v", after, before)
	}
}

func TestCategoryServiceSetManual(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files := uploads.NewFiles(db, store, testutil.Logger(t))
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES ($1, $2) RETURNING id", "Name 9", 49)
	row, err := service.Create(ctx, models.CreateCategoryParams{
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
	stored := func() []string {
		var keys []string
		store.List(ctx, func(key string, _ time.Time) error { keys = append(keys, key); return nil })
		slices.Sort(keys)
		return keys
	}
	upload, err := testutil.UploadPolicy().Accept(uploads.File, "notes.txt", bytes.NewReader([]byte("Some notes.")))
	if err != nil {
		t.Fatal(err)
	}

	if err := service.SetManual(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	first := stored()
	if len(first) != 1 {
		t.Fatalf("stored %v, want the file", first)
	}
	if err := service.SetManual(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	if second := stored(); len(second) != len(first) || slices.Equal(first, second) {
		t.Errorf("after replacing: %v, want new files in place of %v", second, first)
	}
	if err := service.SetManual(ctx, db, files, row.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := service.Get(ctx, row.ID); err != nil || got.Manual.Valid || len(stored()) != 0 {
		t.Errorf("after removing: %+v, %v, files %v; want no Manual and no file", got, err, stored())
	}
	before := stored()
	if err := service.SetManual(ctx, db, files, row.ID+1000, upload); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("SetManual on a missing category: %v, want ErrNotFound", err)
	}
	if after := stored(); !slices.Equal(before, after) {
		t.Errorf("a failed save left files: %v, before %v", after, before)
	}
}
