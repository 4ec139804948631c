// The category service, made by `fastopp add model Category`: the rules of a category, in
// one place, over the sqlc queries in internal/database/queries/categories.sql. Add your
// own checks to ValidateCategory; every path that saves a category goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_categories.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// CategoryService finds, lists, saves and deletes categories.
type CategoryService struct {
	queries *models.Queries
}

// NewCategoryService returns the service over db.
func NewCategoryService(db models.DBTX) *CategoryService {
	return &CategoryService{queries: models.New(db)}
}

// Get returns the category with this id, or ErrNotFound.
func (s *CategoryService) Get(ctx context.Context, id int64) (models.Category, error) {
	row, err := s.queries.GetCategory(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of categories and how many match the search in all.
func (s *CategoryService) List(ctx context.Context, opts ListOptions) ([]models.Category, int64, error) {
	total, err := s.queries.CountCategories(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListCategories(ctx, models.ListCategoriesParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int32(limit),
		Skip:     int32(offset),
	})
	return rows, total, err
}

// Create checks a new category and saves it.
func (s *CategoryService) Create(ctx context.Context, params models.CreateCategoryParams) (models.Category, error) {
	if err := ValidateCategory(models.Category{
		Name:     params.Name,
		ParentID: params.ParentID,
		Meta:     params.Meta,
		Code:     params.Code,
		Cover:    params.Cover,
		Manual:   params.Manual,
		StartsAt: params.StartsAt,
		Views:    params.Views,
		Day:      params.Day,
		Featured: params.Featured,
	}); err != nil {
		return models.Category{}, err
	}
	return s.queries.CreateCategory(ctx, params)
}

// Update checks a changed category and saves it; ErrNotFound when its id has no row.
func (s *CategoryService) Update(ctx context.Context, params models.UpdateCategoryParams) (models.Category, error) {
	if err := ValidateCategory(models.Category{
		Name:     params.Name,
		ParentID: params.ParentID,
		Meta:     params.Meta,
		Code:     params.Code,
		Cover:    params.Cover,
		Manual:   params.Manual,
		StartsAt: params.StartsAt,
		Views:    params.Views,
		Day:      params.Day,
		Featured: params.Featured,
	}); err != nil {
		return models.Category{}, err
	}
	row, err := s.queries.UpdateCategory(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete, which deletes the category's files too, is in categories_uploads.go.

// ValidateCategory returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateCategory(row models.Category) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"name": row.Name,
	})
	return problems.orNil()
}
