// Tests of the demo product service on a real, fresh database: create, read, list, update and
// delete. Written as `fastopp add model DemoProduct` writes them; add a test here for each rule you add.

package services_test

import (
	"database/sql"
	"errors"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestDemoProductService(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	service := services.NewDemoProductService(db)
	categoryID := testutil.InsertRow(t, db, "INSERT INTO demo_categories (name) VALUES (?1) RETURNING id", "Name 9")

	created, err := service.Create(ctx, models.CreateDemoProductParams{
		Name:        "Name 1",
		CategoryID:  categoryID,
		Price:       "11.50",
		Stock:       41,
		Description: sql.NullString{String: "Some description, number 1.", Valid: true},
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
		t.Fatalf("search: %d rows of %d, %v; want the new demo product alone", len(rows), total, err)
	}
	if _, total, _ := service.List(ctx, services.ListOptions{Search: "no such text"}); total != 0 {
		t.Errorf("a search for text no demo product has found %d", total)
	}

	updated, err := service.Update(ctx, models.UpdateDemoProductParams{
		ID:          created.ID,
		Name:        "Name 2",
		CategoryID:  categoryID,
		Price:       "12.50",
		Stock:       42,
		Description: sql.NullString{String: "Some description, number 2.", Valid: true},
	})
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if updated.Name != "Name 2" {
		t.Errorf("after update, name is %v", updated.Name)
	}

	if err := service.Delete(ctx, created.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := service.Get(ctx, created.ID); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("get after delete: %v, want ErrNotFound", err)
	}
	if err := service.Delete(ctx, created.ID); !errors.Is(err, services.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

func TestDemoProductServiceRefusesEmptyFields(t *testing.T) {
	service := services.NewDemoProductService(testutil.NewDB(t))
	_, err := service.Create(t.Context(), models.CreateDemoProductParams{})
	var problems services.ValidationError
	if !errors.As(err, &problems) || problems["name"] == "" {
		t.Errorf("create with nothing filled in: %v, want a problem with name", err)
	}
}
