// Tests of the demo registrant service on a real, fresh database: create, read, list, update and
// delete. Written as `fastopp add model DemoRegistrant` writes them; add a test here for each rule you add.

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

func TestDemoRegistrantService(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	service := services.NewDemoRegistrantService(db)
	files, _ := testutil.Files(t, db) // Delete deletes the demo registrant's files too
	webinarID := testutil.InsertRow(t, db, "INSERT INTO demo_webinars (title, presenter, starts_at) VALUES ($1, $2, $3) RETURNING id", "Title 9", "Presenter 9", time.Date(2030, 1, 9, 14, 30, 0, 0, time.UTC))

	created, err := service.Create(ctx, models.CreateDemoRegistrantParams{
		WebinarID: webinarID,
		Name:      "Name 1",
		Email:     "Email 1",
		Company:   sql.NullString{String: "Company 1", Valid: true},
		Notes:     sql.NullString{String: "Some notes, number 1.", Valid: true},
		Photo:     sql.NullString{String: "Photo 1", Valid: true},
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
		t.Fatalf("search: %d rows of %d, %v; want the new demo registrant alone", len(rows), total, err)
	}
	if _, total, _ := service.List(ctx, services.ListOptions{Search: "no such text"}); total != 0 {
		t.Errorf("a search for text no demo registrant has found %d", total)
	}

	updated, err := service.Update(ctx, models.UpdateDemoRegistrantParams{
		ID:        created.ID,
		WebinarID: webinarID,
		Name:      "Name 2",
		Email:     "Email 2",
		Company:   sql.NullString{String: "Company 2", Valid: true},
		Notes:     sql.NullString{String: "Some notes, number 2.", Valid: true},
		Photo:     sql.NullString{String: "Photo 2", Valid: true},
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

func TestDemoRegistrantServiceRefusesEmptyFields(t *testing.T) {
	service := services.NewDemoRegistrantService(testutil.NewDB(t))
	_, err := service.Create(t.Context(), models.CreateDemoRegistrantParams{})
	var problems services.ValidationError
	if !errors.As(err, &problems) || problems["name"] == "" {
		t.Errorf("create with nothing filled in: %v, want a problem with name", err)
	}
}
