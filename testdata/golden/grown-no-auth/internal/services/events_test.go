// Tests of the event service on a real, fresh database: create, read, list, update and
// delete. Made by `fastopp add model Event`; add a test here for each rule you add.

package services_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/testutil"
)

func TestEventService(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	service := services.NewEventService(db)

	created, err := service.Create(ctx, time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	got, err := service.Get(ctx, created.ID)
	if err != nil || got.ID != created.ID {
		t.Fatalf("get %d: %+v, %v", created.ID, got, err)
	}

	rows, total, err := service.List(ctx, services.ListOptions{})
	if err != nil || total < 1 || !slices.ContainsFunc(rows, func(row models.Event) bool { return row.ID == created.ID }) {
		t.Fatalf("list: %d rows of %d, %v; want the new event among them", len(rows), total, err)
	}

	updated, err := service.Update(ctx, models.UpdateEventParams{
		ID: created.ID,
		At: time.Date(2030, 1, 2, 14, 30, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if updated.ID != created.ID {
		t.Errorf("update changed the id to %d", updated.ID)
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
