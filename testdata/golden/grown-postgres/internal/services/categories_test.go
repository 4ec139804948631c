// Tests of the category service on a real, fresh database: create, read, list, update and
// delete. Made by `fastopp add model Category`; add a test here for each rule you add.

package services_test

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestCategoryService(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	service := services.NewCategoryService(db)
	files, _ := testutil.Files(t, db) // Delete deletes the category's files too
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES ($1, $2) RETURNING id", "Name 9", 49)

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
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	got, err := service.Get(ctx, created.ID)
	if err != nil || got.ID != created.ID {
		t.Fatalf("get %d: %+v, %v", created.ID, got, err)
	}
	if got.Name != "Name 1" {
		t.Errorf("name read back as %v", got.Name)
	}

	rows, total, err := service.List(ctx, services.ListOptions{Search: "Name 1", Sort: "name"})
	if err != nil || total != 1 || len(rows) != 1 || rows[0].ID != created.ID {
		t.Fatalf("search: %d rows of %d, %v; want the new category alone", len(rows), total, err)
	}
	if _, total, _ := service.List(ctx, services.ListOptions{Search: "no such text"}); total != 0 {
		t.Errorf("a search for text no category has found %d", total)
	}

	updated, err := service.Update(ctx, models.UpdateCategoryParams{
		ID:       created.ID,
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
		t.Fatalf("update: %v", err)
	}
	if updated.Name != "Name 2" {
		t.Errorf("after update, name is %v", updated.Name)
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

func TestCategoryServiceRefusesEmptyFields(t *testing.T) {
	service := services.NewCategoryService(testutil.NewDB(t))
	_, err := service.Create(t.Context(), models.CreateCategoryParams{})
	var problems services.ValidationError
	if !errors.As(err, &problems) || problems["name"] == "" {
		t.Errorf("create with nothing filled in: %v, want a problem with name", err)
	}
}
