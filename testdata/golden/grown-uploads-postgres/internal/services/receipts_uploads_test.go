// Tests of the receipt service's files: setting, replacing and removing a file keeps the
// storage in step with the database; a save that fails leaves no file behind.
// Made by `fastopp add model Receipt`.

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

func TestReceiptServiceSetScan(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files := uploads.NewFiles(db, store, testutil.Logger(t))
	service := services.NewReceiptService(db)
	row, err := service.Create(ctx, models.CreateReceiptParams{
		Total: "11.50",
		Scan:  sql.NullString{String: "Scan 1", Valid: true},
		Paid:  true,
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
