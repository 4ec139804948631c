// Tests of the book service on a real, fresh database: create, read, list, update and
// delete. Made by `fastopp add model Book`; add a test here for each rule you add.

package services_test

import (
	"errors"
	"testing"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestBookService(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	service := services.NewBookService(db)
	authorID := testutil.InsertRow(t, db, "INSERT INTO authors (name) VALUES (?1) RETURNING id", "Name 9")

	created, err := service.Create(ctx, models.CreateBookParams{
		Title:    "Title 1",
		AuthorID: authorID,
	})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	got, err := service.Get(ctx, created.ID)
	if err != nil || got.ID != created.ID {
		t.Fatalf("get %d: %+v, %v", created.ID, got, err)
	}
	if got.Title != "Title 1" {
		t.Errorf("title read back as %v", got.Title)
	}

	rows, total, err := service.List(ctx, services.ListOptions{Search: "Title 1", Sort: "title"})
	if err != nil || total != 1 || len(rows) != 1 || rows[0].ID != created.ID {
		t.Fatalf("search: %d rows of %d, %v; want the new book alone", len(rows), total, err)
	}
	if _, total, _ := service.List(ctx, services.ListOptions{Search: "no such text"}); total != 0 {
		t.Errorf("a search for text no book has found %d", total)
	}

	updated, err := service.Update(ctx, models.UpdateBookParams{
		ID:       created.ID,
		Title:    "Title 2",
		AuthorID: authorID,
	})
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if updated.Title != "Title 2" {
		t.Errorf("after update, title is %v", updated.Title)
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

func TestBookServiceRefusesEmptyFields(t *testing.T) {
	service := services.NewBookService(testutil.NewDB(t))
	_, err := service.Create(t.Context(), models.CreateBookParams{})
	var problems services.ValidationError
	if !errors.As(err, &problems) || problems["title"] == "" {
		t.Errorf("create with nothing filled in: %v, want a problem with title", err)
	}
}
