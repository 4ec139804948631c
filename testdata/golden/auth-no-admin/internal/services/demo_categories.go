// The demo category service, written as `fastopp add model DemoCategory` would (the demo feature's model): the rules of a demo category, in
// one place, over the sqlc queries in internal/database/queries/demo.sql. Add your
// own checks to ValidateDemoCategory; every path that saves a demo category goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_demo_categories.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// DemoCategoryService finds, lists, saves and deletes demo_categories.
type DemoCategoryService struct {
	queries *models.Queries
}

// NewDemoCategoryService returns the service over db.
func NewDemoCategoryService(db models.DBTX) *DemoCategoryService {
	return &DemoCategoryService{queries: models.New(db)}
}

// Get returns the demo category with this id, or ErrNotFound.
func (s *DemoCategoryService) Get(ctx context.Context, id int64) (models.DemoCategory, error) {
	row, err := s.queries.GetDemoCategory(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of demo_categories and how many match the search in all.
func (s *DemoCategoryService) List(ctx context.Context, opts ListOptions) ([]models.DemoCategory, int64, error) {
	total, err := s.queries.CountDemoCategories(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListDemoCategories(ctx, models.ListDemoCategoriesParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int64(limit),
		Skip:     int64(offset),
	})
	return rows, total, err
}

// Create checks a new demo category and saves it.
// sqlc passes the one field of a demo category as it is, without a params struct.
func (s *DemoCategoryService) Create(ctx context.Context, params string) (models.DemoCategory, error) {
	if err := ValidateDemoCategory(models.DemoCategory{
		Name: params,
	}); err != nil {
		return models.DemoCategory{}, err
	}
	return s.queries.CreateDemoCategory(ctx, params)
}

// Update checks a changed demo category and saves it; ErrNotFound when its id has no row.
func (s *DemoCategoryService) Update(ctx context.Context, params models.UpdateDemoCategoryParams) (models.DemoCategory, error) {
	if err := ValidateDemoCategory(models.DemoCategory{
		Name: params.Name,
	}); err != nil {
		return models.DemoCategory{}, err
	}
	row, err := s.queries.UpdateDemoCategory(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete removes the demo category with this id, or returns ErrNotFound.
func (s *DemoCategoryService) Delete(ctx context.Context, id int64) error {
	deleted, err := s.queries.DeleteDemoCategory(ctx, id)
	if err == nil && deleted == 0 {
		return ErrNotFound
	}
	return err
}

// ValidateDemoCategory returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateDemoCategory(row models.DemoCategory) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"name": row.Name,
	})
	return problems.orNil()
}
