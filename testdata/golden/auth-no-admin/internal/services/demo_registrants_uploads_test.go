// Tests of the demo registrant service's files: setting, replacing and removing a file, and
// deleting the demo registrant, keep the storage in step with the database, with many writers at
// once too; a save that fails leaves no file behind.
// Written as `fastopp add model DemoRegistrant` writes them.

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

func TestDemoRegistrantServiceSetPhoto(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewDemoRegistrantService(db)
	webinarID := testutil.InsertRow(t, db, "INSERT INTO demo_webinars (title, presenter, starts_at) VALUES (?1, ?2, ?3) RETURNING id", "Title 9", "Presenter 9", time.Date(2030, 1, 9, 14, 30, 0, 0, time.UTC))
	row, err := service.Create(ctx, models.CreateDemoRegistrantParams{
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
	if err := service.SetPhoto(ctx, db, files, row.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := service.Get(ctx, row.ID); err != nil || got.Photo.Valid || len(stored()) != 0 {
		t.Errorf("after removing: %+v, %v, files %v; want no Photo and no file", got, err, stored())
	}
	before := stored()
	if err := service.SetPhoto(ctx, db, files, row.ID+1000, upload); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("SetPhoto on a missing demo registrant: %v, want ErrNotFound", err)
	}
	if after := stored(); !slices.Equal(before, after) {
		t.Errorf("a failed save left files: %v, before %v", after, before)
	}
}

// TestDemoRegistrantServiceSetPhotoConcurrently replaces the Photo of one demo registrant from many
// writers at once: each write must wait for the one before (GetDemoRegistrantForUpdate), so that the
// files each one replaced are deleted and only the last one's are left.
func TestDemoRegistrantServiceSetPhotoConcurrently(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewDemoRegistrantService(db)
	webinarID := testutil.InsertRow(t, db, "INSERT INTO demo_webinars (title, presenter, starts_at) VALUES (?1, ?2, ?3) RETURNING id", "Title 9", "Presenter 9", time.Date(2030, 1, 9, 14, 30, 0, 0, time.UTC))
	row, err := service.Create(ctx, models.CreateDemoRegistrantParams{
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
	key := last.Photo.String
	want := []string{key, uploads.ThumbnailKey(key)}
	slices.Sort(want)
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, want) {
		t.Errorf("stored after 24 replacements: %v, want only the last Photo: %v", got, want)
	}
}

// TestDemoRegistrantServiceDeleteDeletesFiles deletes a demo registrant with its files: once the row is
// gone, so are the files.
func TestDemoRegistrantServiceDeleteDeletesFiles(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewDemoRegistrantService(db)
	webinarID := testutil.InsertRow(t, db, "INSERT INTO demo_webinars (title, presenter, starts_at) VALUES (?1, ?2, ?3) RETURNING id", "Title 9", "Presenter 9", time.Date(2030, 1, 9, 14, 30, 0, 0, time.UTC))
	kept, err := service.Create(ctx, models.CreateDemoRegistrantParams{
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
	row, err := service.Create(ctx, models.CreateDemoRegistrantParams{
		WebinarID: webinarID,
		Name:      "Name 2",
		Email:     "Email 2",
		Company:   sql.NullString{String: "Company 2", Valid: true},
		Notes:     sql.NullString{String: "Some notes, number 2.", Valid: true},
		Photo:     sql.NullString{String: "Photo 2", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	image := testutil.SampleUpload(t, uploads.Image)
	if err := service.SetPhoto(ctx, db, files, kept.ID, image); err != nil {
		t.Fatal(err)
	}
	keptFiles := testutil.StoredKeys(t, store)
	if err := service.SetPhoto(ctx, db, files, row.ID, image); err != nil {
		t.Fatal(err)
	}

	if err := service.Delete(ctx, db, files, row.ID); err != nil {
		t.Fatal(err)
	}
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, keptFiles) {
		t.Errorf("stored after the delete: %v, want only the other demo registrant's: %v", got, keptFiles)
	}
	if err := service.Delete(ctx, db, files, row.ID); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("deleting it again: %v, want ErrNotFound", err)
	}
}

// TestDemoRegistrantServiceDeleteWhileSetting deletes demo_registrants while other writers replace their
// Photo: a replacement either comes first (and Delete deletes its file) or finds the
// demo registrant gone (ErrNotFound, and its new file is deleted), so no file is left behind.
func TestDemoRegistrantServiceDeleteWhileSetting(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewDemoRegistrantService(db)
	webinarID := testutil.InsertRow(t, db, "INSERT INTO demo_webinars (title, presenter, starts_at) VALUES (?1, ?2, ?3) RETURNING id", "Title 9", "Presenter 9", time.Date(2030, 1, 9, 14, 30, 0, 0, time.UTC))
	upload := testutil.SampleUpload(t, uploads.Image)
	var ids []int64
	for _, params := range []models.CreateDemoRegistrantParams{
		models.CreateDemoRegistrantParams{
			WebinarID: webinarID,
			Name:      "Name 1",
			Email:     "Email 1",
			Company:   sql.NullString{String: "Company 1", Valid: true},
			Notes:     sql.NullString{String: "Some notes, number 1.", Valid: true},
			Photo:     sql.NullString{String: "Photo 1", Valid: true},
		},
		models.CreateDemoRegistrantParams{
			WebinarID: webinarID,
			Name:      "Name 2",
			Email:     "Email 2",
			Company:   sql.NullString{String: "Company 2", Valid: true},
			Notes:     sql.NullString{String: "Some notes, number 2.", Valid: true},
			Photo:     sql.NullString{String: "Photo 2", Valid: true},
		},
		models.CreateDemoRegistrantParams{
			WebinarID: webinarID,
			Name:      "Name 3",
			Email:     "Email 3",
			Company:   sql.NullString{String: "Company 3", Valid: true},
			Notes:     sql.NullString{String: "Some notes, number 3.", Valid: true},
			Photo:     sql.NullString{String: "Photo 3", Valid: true},
		},
		models.CreateDemoRegistrantParams{
			WebinarID: webinarID,
			Name:      "Name 4",
			Email:     "Email 4",
			Company:   sql.NullString{String: "Company 4", Valid: true},
			Notes:     sql.NullString{String: "Some notes, number 4.", Valid: true},
			Photo:     sql.NullString{String: "Photo 4", Valid: true},
		},
	} {
		row, err := service.Create(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, row.ID)
	}
	// Writer 0 deletes every demo registrant; the others replace the Photo of each, in turn.
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
		t.Errorf("stored after every demo registrant was deleted: %v, want nothing", got)
	}
}
