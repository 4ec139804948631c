// Tests of the receipt service's files: setting, replacing and removing a file, and
// deleting the receipt, keep the storage in step with the database, with many writers at
// once too; a save that fails leaves no file behind.
// Made by `fastopp add model Receipt`.

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

func TestReceiptServiceSetScan(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewReceiptService(db)
	row, err := service.Create(ctx, models.CreateReceiptParams{
		Total: "11.50",
		Scan:  sql.NullString{String: "Scan 1", Valid: true},
		Paid:  true,
	})
	if err != nil {
		t.Fatal(err)
	}
	stored := func() []string { return testutil.StoredKeys(t, store) }
	upload := testutil.SampleUpload(t, uploads.Image)

	if err := service.SetScan(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	first := stored()
	if len(first) != 2 {
		t.Fatalf("stored %v, want the file and its thumbnail", first)
	}
	if err := service.SetScan(ctx, db, files, row.ID, upload); err != nil {
		t.Fatal(err)
	}
	if second := stored(); len(second) != len(first) || slices.Equal(first, second) {
		t.Errorf("after replacing: %v, want new files in place of %v", second, first)
	}
	if err := service.SetScan(ctx, db, files, row.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := service.Get(ctx, row.ID); err != nil || got.Scan.Valid || len(stored()) != 0 {
		t.Errorf("after removing: %+v, %v, files %v; want no Scan and no file", got, err, stored())
	}
	before := stored()
	if err := service.SetScan(ctx, db, files, row.ID+1000, upload); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("SetScan on a missing receipt: %v, want ErrNotFound", err)
	}
	if after := stored(); !slices.Equal(before, after) {
		t.Errorf("a failed save left files: %v, before %v", after, before)
	}
}

// TestReceiptServiceSetScanConcurrently replaces the Scan of one receipt from many
// writers at once: each write must wait for the one before (GetReceiptForUpdate), so that the
// files each one replaced are deleted and only the last one's are left.
func TestReceiptServiceSetScanConcurrently(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewReceiptService(db)
	row, err := service.Create(ctx, models.CreateReceiptParams{
		Total: "11.50",
		Scan:  sql.NullString{String: "Scan 1", Valid: true},
		Paid:  true,
	})
	if err != nil {
		t.Fatal(err)
	}
	upload := testutil.SampleUpload(t, uploads.Image)
	testutil.Concurrently(t, 8, 3, func(writer, n int) error {
		if err := service.SetScan(ctx, db, files, row.ID, upload); err != nil {
			return fmt.Errorf("writer %d, save %d: %w", writer, n, err)
		}
		return nil
	})
	last, err := service.Get(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := last.Scan.String
	want := []string{key, uploads.ThumbnailKey(key)}
	slices.Sort(want)
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, want) {
		t.Errorf("stored after 24 replacements: %v, want only the last Scan: %v", got, want)
	}
}

// TestReceiptServiceDeleteDeletesFiles deletes a receipt with its files: once the row is
// gone, so are the files.
func TestReceiptServiceDeleteDeletesFiles(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewReceiptService(db)
	kept, err := service.Create(ctx, models.CreateReceiptParams{
		Total: "11.50",
		Scan:  sql.NullString{String: "Scan 1", Valid: true},
		Paid:  true,
	})
	if err != nil {
		t.Fatal(err)
	}
	row, err := service.Create(ctx, models.CreateReceiptParams{
		Total: "12.50",
		Scan:  sql.NullString{String: "Scan 2", Valid: true},
		Paid:  true,
	})
	if err != nil {
		t.Fatal(err)
	}
	image := testutil.SampleUpload(t, uploads.Image)
	if err := service.SetScan(ctx, db, files, kept.ID, image); err != nil {
		t.Fatal(err)
	}
	keptFiles := testutil.StoredKeys(t, store)
	if err := service.SetScan(ctx, db, files, row.ID, image); err != nil {
		t.Fatal(err)
	}

	if err := service.Delete(ctx, db, files, row.ID); err != nil {
		t.Fatal(err)
	}
	if got := testutil.StoredKeys(t, store); !slices.Equal(got, keptFiles) {
		t.Errorf("stored after the delete: %v, want only the other receipt's: %v", got, keptFiles)
	}
	if err := service.Delete(ctx, db, files, row.ID); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("deleting it again: %v, want ErrNotFound", err)
	}
}

// TestReceiptServiceDeleteWhileSetting deletes receipts while other writers replace their
// Scan: a replacement either comes first (and Delete deletes its file) or finds the
// receipt gone (ErrNotFound, and its new file is deleted), so no file is left behind.
func TestReceiptServiceDeleteWhileSetting(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	files, store := testutil.Files(t, db)
	service := services.NewReceiptService(db)
	upload := testutil.SampleUpload(t, uploads.Image)
	var ids []int64
	for _, params := range []models.CreateReceiptParams{
		models.CreateReceiptParams{
			Total: "11.50",
			Scan:  sql.NullString{String: "Scan 1", Valid: true},
			Paid:  true,
		},
		models.CreateReceiptParams{
			Total: "12.50",
			Scan:  sql.NullString{String: "Scan 2", Valid: true},
			Paid:  true,
		},
		models.CreateReceiptParams{
			Total: "13.50",
			Scan:  sql.NullString{String: "Scan 3", Valid: true},
			Paid:  true,
		},
		models.CreateReceiptParams{
			Total: "14.50",
			Scan:  sql.NullString{String: "Scan 4", Valid: true},
			Paid:  true,
		},
	} {
		row, err := service.Create(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, row.ID)
	}
	// Writer 0 deletes every receipt; the others replace the Scan of each, in turn.
	testutil.Concurrently(t, 6, len(ids), func(writer, n int) error {
		if writer == 0 {
			return service.Delete(ctx, db, files, ids[n])
		}
		err := service.SetScan(ctx, db, files, ids[n], upload)
		if errors.Is(err, services.ErrNotFound) {
			return nil // deleted first: fine
		}
		return err
	})
	if got := testutil.StoredKeys(t, store); len(got) != 0 {
		t.Errorf("stored after every receipt was deleted: %v, want nothing", got)
	}
}
