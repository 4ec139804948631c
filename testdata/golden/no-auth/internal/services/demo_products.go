// The demo product service, written as `fastopp add model DemoProduct` would (the demo feature's model): the rules of a demo product, in
// one place, over the sqlc queries in internal/database/queries/demo.sql. Add your
// own checks to ValidateDemoProduct; every path that saves a demo product goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_demo_products.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// DemoProductService finds, lists, saves and deletes demo_products.
type DemoProductService struct {
	queries *models.Queries
}

// NewDemoProductService returns the service over db.
func NewDemoProductService(db models.DBTX) *DemoProductService {
	return &DemoProductService{queries: models.New(db)}
}

// Get returns the demo product with this id, or ErrNotFound.
func (s *DemoProductService) Get(ctx context.Context, id int64) (models.DemoProduct, error) {
	row, err := s.queries.GetDemoProduct(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of demo_products and how many match the search in all.
func (s *DemoProductService) List(ctx context.Context, opts ListOptions) ([]models.DemoProduct, int64, error) {
	total, err := s.queries.CountDemoProducts(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListDemoProducts(ctx, models.ListDemoProductsParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int64(limit),
		Skip:     int64(offset),
	})
	return rows, total, err
}

// Create checks a new demo product and saves it.
func (s *DemoProductService) Create(ctx context.Context, params models.CreateDemoProductParams) (models.DemoProduct, error) {
	if err := ValidateDemoProduct(models.DemoProduct{
		Name:        params.Name,
		CategoryID:  params.CategoryID,
		Price:       params.Price,
		Stock:       params.Stock,
		Description: params.Description,
	}); err != nil {
		return models.DemoProduct{}, err
	}
	return s.queries.CreateDemoProduct(ctx, params)
}

// Update checks a changed demo product and saves it; ErrNotFound when its id has no row.
func (s *DemoProductService) Update(ctx context.Context, params models.UpdateDemoProductParams) (models.DemoProduct, error) {
	if err := ValidateDemoProduct(models.DemoProduct{
		Name:        params.Name,
		CategoryID:  params.CategoryID,
		Price:       params.Price,
		Stock:       params.Stock,
		Description: params.Description,
	}); err != nil {
		return models.DemoProduct{}, err
	}
	row, err := s.queries.UpdateDemoProduct(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete removes the demo product with this id, or returns ErrNotFound.
func (s *DemoProductService) Delete(ctx context.Context, id int64) error {
	deleted, err := s.queries.DeleteDemoProduct(ctx, id)
	if err == nil && deleted == 0 {
		return ErrNotFound
	}
	return err
}

// ValidateDemoProduct returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateDemoProduct(row models.DemoProduct) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"name":  row.Name,
		"price": row.Price,
	})
	return problems.orNil()
}
