// The event service, made by `fastopp add model Event`: the rules of a event, in
// one place, over the sqlc queries in internal/database/queries/events.sql. Add your
// own checks to ValidateEvent; every path that saves a event goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_events.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"myapp/internal/models"
)

// EventService finds, lists, saves and deletes events.
type EventService struct {
	queries *models.Queries
}

// NewEventService returns the service over db.
func NewEventService(db models.DBTX) *EventService {
	return &EventService{queries: models.New(db)}
}

// Get returns the event with this id, or ErrNotFound.
func (s *EventService) Get(ctx context.Context, id int64) (models.Event, error) {
	row, err := s.queries.GetEvent(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of events and how many match the search in all.
func (s *EventService) List(ctx context.Context, opts ListOptions) ([]models.Event, int64, error) {
	total, err := s.queries.CountEvents(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListEvents(ctx, models.ListEventsParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int64(limit),
		Skip:     int64(offset),
	})
	return rows, total, err
}

// Create checks a new event and saves it.
// sqlc passes the one field of a event as it is, without a params struct.
func (s *EventService) Create(ctx context.Context, params time.Time) (models.Event, error) {
	if err := ValidateEvent(models.Event{
		At: params,
	}); err != nil {
		return models.Event{}, err
	}
	return s.queries.CreateEvent(ctx, params)
}

// Update checks a changed event and saves it; ErrNotFound when its id has no row.
func (s *EventService) Update(ctx context.Context, params models.UpdateEventParams) (models.Event, error) {
	if err := ValidateEvent(models.Event{
		At: params.At,
	}); err != nil {
		return models.Event{}, err
	}
	row, err := s.queries.UpdateEvent(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete removes the event with this id, or returns ErrNotFound.
func (s *EventService) Delete(ctx context.Context, id int64) error {
	deleted, err := s.queries.DeleteEvent(ctx, id)
	if err == nil && deleted == 0 {
		return ErrNotFound
	}
	return err
}

// ValidateEvent returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateEvent(row models.Event) error {
	problems := ValidationError{}
	return problems.orNil()
}
