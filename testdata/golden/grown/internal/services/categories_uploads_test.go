// Tests of the category service's files: setting, replacing and removing a file, and
// deleting the category, keep the storage in step with the database, with many writers at
// once too; a save that fails leaves no file behind.
// Made by `fastopp add model Category`.

package services_test

import (
	"database/sql"
	"errors"
	"fmt"
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
	files, store := testutil.Files(t, db)
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
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
	stored := func() []string { return testutil.StoredKeys(t, store) }
	upload := testutil.SampleUpload(t, uploads.Image)

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

// TestCategoryServiceSetCoverConcurrently replaces the Cover of one category from many
// writers at once: each write must wait for the one before (GetCategoryForUpdate), so that the
// files each one replaced are deleted and only the last one's are left.
func TestCategoryServiceSetCoverConcurrently(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
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
	upload := testutil.SampleUpload(t, uploads.Image)
	testutil.Concurrently(t, 8, 3, func(writer, n int) error {
		if err := service.SetCover(ctx, db, files, row.ID, upload); err != nil {
			return fmt.Errorf("writer %d, save %d: %w", writer, n, err)
		}
		return nil
	})
	last, err := service.Get(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := last.Cover.String
	want := []string{key, uploads.ThumbnailKey(key)}
	slices.Sort(want)
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, want) {
		t.Errorf("stored after 24 replacements: %v, want only the last Cover: %v", got, want)
	}
}

func TestCategoryServiceSetManual(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
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
	stored := func() []string { return testutil.StoredKeys(t, store) }
	upload := testutil.SampleUpload(t, uploads.File)

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

// TestCategoryServiceSetManualConcurrently replaces the Manual of one category from many
// writers at once: each write must wait for the one before (GetCategoryForUpdate), so that the
// files each one replaced are deleted and only the last one's are left.
func TestCategoryServiceSetManualConcurrently(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
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
	upload := testutil.SampleUpload(t, uploads.File)
	testutil.Concurrently(t, 8, 3, func(writer, n int) error {
		if err := service.SetManual(ctx, db, files, row.ID, upload); err != nil {
			return fmt.Errorf("writer %d, save %d: %w", writer, n, err)
		}
		return nil
	})
	last, err := service.Get(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := last.Manual.String
	want := []string{key}
	slices.Sort(want)
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, want) {
		t.Errorf("stored after 24 replacements: %v, want only the last Manual: %v", got, want)
	}
}

// TestCategoryServiceDeleteDeletesFiles deletes a category with its files: once the row is
// gone, so are the files of each of its fields.
func TestCategoryServiceDeleteDeletesFiles(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
	kept, err := service.Create(ctx, models.CreateCategoryParams{
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
	row, err := service.Create(ctx, models.CreateCategoryParams{
		Name:     "Name 2",
		ParentID: sql.NullInt64{Int64: parentID, Valid: true},
		Meta:     sql.NullString{String: "{\"size\": 2}", Valid: true},
		Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174002", Valid: true},
		Cover:    sql.NullString{String: "Cover 2", Valid: true},
		Manual:   sql.NullString{String: "Manual 2", Valid: true},
		StartsAt: sql.NullTime{Time: time.Date(2030, 1, 2, 14, 30, 0, 0, time.UTC), Valid: true},
		Views:    42,
		Day:      sql.NullTime{Time: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC), Valid: true},
		Featured: sql.NullBool{Bool: true, Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	image := testutil.SampleUpload(t, uploads.Image)
	file := testutil.SampleUpload(t, uploads.File)
	if err := service.SetCover(ctx, db, files, kept.ID, image); err != nil {
		t.Fatal(err)
	}
	if err := service.SetManual(ctx, db, files, kept.ID, file); err != nil {
		t.Fatal(err)
	}
	keptFiles := testutil.StoredKeys(t, store)
	if err := service.SetCover(ctx, db, files, row.ID, image); err != nil {
		t.Fatal(err)
	}
	if err := service.SetManual(ctx, db, files, row.ID, file); err != nil {
		t.Fatal(err)
	}

	if err := service.Delete(ctx, db, files, row.ID); err != nil {
		t.Fatal(err)
	}
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, keptFiles) {
		t.Errorf("stored after the delete: %v, want only the other category's: %v", got, keptFiles)
	}
	if err := service.Delete(ctx, db, files, row.ID); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("deleting it again: %v, want ErrNotFound", err)
	}
}

// TestCategoryServiceDeleteWhileSetting deletes categories while other writers replace their
// Cover: a replacement either comes first (and Delete deletes its file) or finds the
// category gone (ErrNotFound, and its new file is deleted), so no file is left behind.
func TestCategoryServiceDeleteWhileSetting(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES (?1, ?2) RETURNING id", "Name 9", 49)
	upload := testutil.SampleUpload(t, uploads.Image)
	var ids []int64
	for _, params := range []models.CreateCategoryParams{
		models.CreateCategoryParams{
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
		},
		models.CreateCategoryParams{
			Name:     "Name 2",
			ParentID: sql.NullInt64{Int64: parentID, Valid: true},
			Meta:     sql.NullString{String: "{\"size\": 2}", Valid: true},
			Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174002", Valid: true},
			Cover:    sql.NullString{String: "Cover 2", Valid: true},
			Manual:   sql.NullString{String: "Manual 2", Valid: true},
			StartsAt: sql.NullTime{Time: time.Date(2030, 1, 2, 14, 30, 0, 0, time.UTC), Valid: true},
			Views:    42,
			Day:      sql.NullTime{Time: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC), Valid: true},
			Featured: sql.NullBool{Bool: true, Valid: true},
		},
		models.CreateCategoryParams{
			Name:     "Name 3",
			ParentID: sql.NullInt64{Int64: parentID, Valid: true},
			Meta:     sql.NullString{String: "{\"size\": 3}", Valid: true},
			Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174003", Valid: true},
			Cover:    sql.NullString{String: "Cover 3", Valid: true},
			Manual:   sql.NullString{String: "Manual 3", Valid: true},
			StartsAt: sql.NullTime{Time: time.Date(2030, 1, 3, 14, 30, 0, 0, time.UTC), Valid: true},
			Views:    43,
			Day:      sql.NullTime{Time: time.Date(2030, 1, 3, 0, 0, 0, 0, time.UTC), Valid: true},
			Featured: sql.NullBool{Bool: true, Valid: true},
		},
		models.CreateCategoryParams{
			Name:     "Name 4",
			ParentID: sql.NullInt64{Int64: parentID, Valid: true},
			Meta:     sql.NullString{String: "{\"size\": 4}", Valid: true},
			Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174004", Valid: true},
			Cover:    sql.NullString{String: "Cover 4", Valid: true},
			Manual:   sql.NullString{String: "Manual 4", Valid: true},
			StartsAt: sql.NullTime{Time: time.Date(2030, 1, 4, 14, 30, 0, 0, time.UTC), Valid: true},
			Views:    44,
			Day:      sql.NullTime{Time: time.Date(2030, 1, 4, 0, 0, 0, 0, time.UTC), Valid: true},
			Featured: sql.NullBool{Bool: true, Valid: true},
		},
	} {
		row, err := service.Create(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, row.ID)
	}
	// Writer 0 deletes every category; the others replace the Cover of each, in turn.
	testutil.Concurrently(t, 6, len(ids), func(writer, n int) error {
		if writer == 0 {
			return service.Delete(ctx, db, files, ids[n])
		}
		err := service.SetCover(ctx, db, files, ids[n], upload)
		if errors.Is(err, services.ErrNotFound) {
			return nil // deleted first: fine
		}
		return err
	})
	if got := testutil.StoredKeys(t, store); len(got) != 0 {
		t.Errorf("stored after every category was deleted: %v, want nothing", got)
	}
}
