// The demo webinar service, written as `fastopp add model DemoWebinar` would (the demo feature's model): the rules of a demo webinar, in
// one place, over the sqlc queries in internal/database/queries/demo.sql. Add your
// own checks to ValidateDemoWebinar; every path that saves a demo webinar goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_demo_webinars.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// DemoWebinarService finds, lists, saves and deletes demo_webinars.
type DemoWebinarService struct {
	queries *models.Queries
}

// NewDemoWebinarService returns the service over db.
func NewDemoWebinarService(db models.DBTX) *DemoWebinarService {
	return &DemoWebinarService{queries: models.New(db)}
}

// Get returns the demo webinar with this id, or ErrNotFound.
func (s *DemoWebinarService) Get(ctx context.Context, id int64) (models.DemoWebinar, error) {
	row, err := s.queries.GetDemoWebinar(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of demo_webinars and how many match the search in all.
func (s *DemoWebinarService) List(ctx context.Context, opts ListOptions) ([]models.DemoWebinar, int64, error) {
	total, err := s.queries.CountDemoWebinars(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListDemoWebinars(ctx, models.ListDemoWebinarsParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int32(limit),
		Skip:     int32(offset),
	})
	return rows, total, err
}

// Create checks a new demo webinar and saves it.
func (s *DemoWebinarService) Create(ctx context.Context, params models.CreateDemoWebinarParams) (models.DemoWebinar, error) {
	if err := ValidateDemoWebinar(models.DemoWebinar{
		Title:       params.Title,
		Presenter:   params.Presenter,
		StartsAt:    params.StartsAt,
		Description: params.Description,
	}); err != nil {
		return models.DemoWebinar{}, err
	}
	return s.queries.CreateDemoWebinar(ctx, params)
}

// Update checks a changed demo webinar and saves it; ErrNotFound when its id has no row.
func (s *DemoWebinarService) Update(ctx context.Context, params models.UpdateDemoWebinarParams) (models.DemoWebinar, error) {
	if err := ValidateDemoWebinar(models.DemoWebinar{
		Title:       params.Title,
		Presenter:   params.Presenter,
		StartsAt:    params.StartsAt,
		Description: params.Description,
	}); err != nil {
		return models.DemoWebinar{}, err
	}
	row, err := s.queries.UpdateDemoWebinar(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete removes the demo webinar with this id, or returns ErrNotFound.
func (s *DemoWebinarService) Delete(ctx context.Context, id int64) error {
	deleted, err := s.queries.DeleteDemoWebinar(ctx, id)
	if err == nil && deleted == 0 {
		return ErrNotFound
	}
	return err
}

// ValidateDemoWebinar returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateDemoWebinar(row models.DemoWebinar) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"title":     row.Title,
		"presenter": row.Presenter,
	})
	return problems.orNil()
}
