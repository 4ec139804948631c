// Tests of the receipt service on a real, fresh database: create, read, list, update and
// delete. Made by `fastopp add model Receipt`; add a test here for each rule you add.

package services_test

import (
	"database/sql"
	"errors"
	"slices"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestReceiptService(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	service := services.NewReceiptService(db)
	files, _ := testutil.Files(t, db) // Delete deletes the receipt's files too

	created, err := service.Create(ctx, models.CreateReceiptParams{
		Total: "11.50",
		Scan:  sql.NullString{String: "Scan 1", Valid: true},
		Paid:  true,
	})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	got, err := service.Get(ctx, created.ID)
	if err != nil || got.ID != created.ID {
		t.Fatalf("get %d: %+v, %v", created.ID, got, err)
	}

	rows, total, err := service.List(ctx, services.ListOptions{})
	if err != nil || total < 1 || !slices.ContainsFunc(rows, func(row models.Receipt) bool { return row.ID == created.ID }) {
		t.Fatalf("list: %d rows of %d, %v; want the new receipt among them", len(rows), total, err)
	}

	updated, err := service.Update(ctx, models.UpdateReceiptParams{
		ID:    created.ID,
		Total: "12.50",
		Scan:  sql.NullString{String: "Scan 2", Valid: true},
		Paid:  true,
	})
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if updated.ID != created.ID {
		t.Errorf("update changed the id to %d", updated.ID)
	}

	if err := service.Delete(ctx, db, files, created.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := service.Get(ctx, created.ID); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("get after delete: %v, want ErrNotFound", err)
	}
	if err := service.Delete(ctx, db, files, created.ID); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

func TestReceiptServiceRefusesEmptyFields(t *testing.T) {
	service := services.NewReceiptService(testutil.NewDB(t))
	_, err := service.Create(t.Context(), models.CreateReceiptParams{})
	var problems services.ValidationError
	if !errors.As(err, &problems) || problems["total"] == "" {
		t.Errorf("create with nothing filled in: %v, want a problem with total", err)
	}
}
