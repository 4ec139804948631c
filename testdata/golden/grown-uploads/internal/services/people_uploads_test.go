// Tests of the person service's files: setting, replacing and removing a file, and
// deleting the person, keep the storage in step with the database, with many writers at
// once too; a save that fails leaves no file behind.
// Made by `fastopp add model Person`.

package services_test

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

func TestPersonServiceSetPhoto(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewPersonService(db)
	row, err := service.Create(ctx, models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	stored := func() []string { return testutil.StoredKeys(t, store) }
	upload := testutil.SampleUpload(t, uploads.Image)

	if err := service.SetPhoto(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	first := stored()
	if len(first) != 2 {
		t.Fatalf("stored %v, want the file and its thumbnail", first)
	}
	if err := service.SetPhoto(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	if second := stored(); len(second) != len(first) || slices.Equal(first, second) {
		t.Errorf("after replacing: %v, want new files in place of %v", second, first)
	}
	before := stored()
	if err := service.SetPhoto(ctx, db, files, row.ID+1000, upload); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("SetPhoto on a missing person: %v, want ErrNotFound", err)
	}
	if after := stored(); !slices.Equal(before, after) {
		t.Errorf("a failed save left files: %v, before %v", after, before)
	}
}

// TestPersonServiceSetPhotoConcurrently replaces the Photo of one person from many
// writers at once: each write must wait for the one before (GetPersonForUpdate), so that the
// files each one replaced are deleted and only the last one's are left.
func TestPersonServiceSetPhotoConcurrently(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewPersonService(db)
	row, err := service.Create(ctx, models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	upload := testutil.SampleUpload(t, uploads.Image)
	testutil.Concurrently(t, 8, 3, func(writer, n int) error {
		if err := service.SetPhoto(ctx, db, files, row.ID, upload); err != nil {
			return fmt.Errorf("writer %d, save %d: %w", writer, n, err)
		}
		return nil
	})
	last, err := service.Get(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := last.Photo
	want := []string{key, uploads.ThumbnailKey(key)}
	slices.Sort(want)
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, want) {
		t.Errorf("stored after 24 replacements: %v, want only the last Photo: %v", got, want)
	}
}

func TestPersonServiceSetCv(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewPersonService(db)
	row, err := service.Create(ctx, models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	stored := func() []string { return testutil.StoredKeys(t, store) }
	upload := testutil.SampleUpload(t, uploads.File)

	if err := service.SetCv(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	first := stored()
	if len(first) != 1 {
		t.Fatalf("stored %v, want the file", first)
	}
	if err := service.SetCv(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	if second := stored(); len(second) != len(first) || slices.Equal(first, second) {
		t.Errorf("after replacing: %v, want new files in place of %v", second, first)
	}
	if err := service.SetCv(ctx, db, files, row.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := service.Get(ctx, row.ID); err != nil || got.Cv.Valid || len(stored()) != 0 {
		t.Errorf("after removing: %+v, %v, files %v; want no Cv and no file", got, err, stored())
	}
	before := stored()
	if err := service.SetCv(ctx, db, files, row.ID+1000, upload); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("SetCv on a missing person: %v, want ErrNotFound", err)
	}
	if after := stored(); !slices.Equal(before, after) {
		t.Errorf("a failed save left files: %v, before %v", after, before)
	}
}

// TestPersonServiceSetCvConcurrently replaces the Cv of one person from many
// writers at once: each write must wait for the one before (GetPersonForUpdate), so that the
// files each one replaced are deleted and only the last one's are left.
func TestPersonServiceSetCvConcurrently(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewPersonService(db)
	row, err := service.Create(ctx, models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	upload := testutil.SampleUpload(t, uploads.File)
	testutil.Concurrently(t, 8, 3, func(writer, n int) error {
		if err := service.SetCv(ctx, db, files, row.ID, upload); err != nil {
			return fmt.Errorf("writer %d, save %d: %w", writer, n, err)
		}
		return nil
	})
	last, err := service.Get(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := last.Cv.String
	want := []string{key}
	slices.Sort(want)
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, want) {
		t.Errorf("stored after 24 replacements: %v, want only the last Cv: %v", got, want)
	}
}

// TestPersonServiceDeleteDeletesFiles deletes a person with its files: once the row is
// gone, so are the files of each of its fields.
func TestPersonServiceDeleteDeletesFiles(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewPersonService(db)
	kept, err := service.Create(ctx, models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	row, err := service.Create(ctx, models.CreatePersonParams{
		Name:  "Name 2",
		Photo: "Photo 2",
		Cv:    sql.NullString{String: "Cv 2", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	image := testutil.SampleUpload(t, uploads.Image)
	file := testutil.SampleUpload(t, uploads.File)
	if err := service.SetPhoto(ctx, db, files, kept.ID, image); err != nil {
		t.Fatal(err)
	}
	if err := service.SetCv(ctx, db, files, kept.ID, file); err != nil {
		t.Fatal(err)
	}
	keptFiles := testutil.StoredKeys(t, store)
	if err := service.SetPhoto(ctx, db, files, row.ID, image); err != nil {
		t.Fatal(err)
	}
	if err := service.SetCv(ctx, db, files, row.ID, file); err != nil {
		t.Fatal(err)
	}

	if err := service.Delete(ctx, db, files, row.ID); err != nil {
		t.Fatal(err)
	}
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, keptFiles) {
		t.Errorf("stored after the delete: %v, want only the other person's: %v", got, keptFiles)
	}
	if err := service.Delete(ctx, db, files, row.ID); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("deleting it again: %v, want ErrNotFound", err)
	}
}

// TestPersonServiceDeleteWhileSetting deletes people while other writers replace their
// Photo: a replacement either comes first (and Delete deletes its file) or finds the
// person gone (ErrNotFound, and its new file is deleted), so no file is left behind.
func TestPersonServiceDeleteWhileSetting(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewPersonService(db)
	upload := testutil.SampleUpload(t, uploads.Image)
	var ids []int64
	for _, params := range []models.CreatePersonParams{
		models.CreatePersonParams{
			Name:  "Name 1",
			Photo: "Photo 1",
			Cv:    sql.NullString{String: "Cv 1", Valid: true},
		},
		models.CreatePersonParams{
			Name:  "Name 2",
			Photo: "Photo 2",
			Cv:    sql.NullString{String: "Cv 2", Valid: true},
		},
		models.CreatePersonParams{
			Name:  "Name 3",
			Photo: "Photo 3",
			Cv:    sql.NullString{String: "Cv 3", Valid: true},
		},
		models.CreatePersonParams{
			Name:  "Name 4",
			Photo: "Photo 4",
			Cv:    sql.NullString{String: "Cv 4", Valid: true},
		},
	} {
		row, err := service.Create(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, row.ID)
	}
	// Writer 0 deletes every person; the others replace the Photo of each, in turn.
	testutil.Concurrently(t, 6, len(ids), func(writer, n int) error {
		if writer == 0 {
			return service.Delete(ctx, db, files, ids[n])
		}
		err := service.SetPhoto(ctx, db, files, ids[n], upload)
		if errors.Is(err, services.ErrNotFound) {
			return nil // deleted first: fine
		}
		return err
	})
	if got := testutil.StoredKeys(t, store); len(got) != 0 {
		t.Errorf("stored after every person was deleted: %v, want nothing", got)
	}
}
