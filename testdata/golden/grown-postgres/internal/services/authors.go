// The author service, made by `fastopp add model Author`: the rules of a author, in
// one place, over the sqlc queries in internal/database/queries/authors.sql. Add your
// own checks to ValidateAuthor; every path that saves a author goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_authors.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// AuthorService finds, lists, saves and deletes authors.
type AuthorService struct {
	queries *models.Queries
}

// NewAuthorService returns the service over db.
func NewAuthorService(db models.DBTX) *AuthorService {
	return &AuthorService{queries: models.New(db)}
}

// Get returns the author with this id, or ErrNotFound.
func (s *AuthorService) Get(ctx context.Context, id int64) (models.Author, error) {
	row, err := s.queries.GetAuthor(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of authors and how many match the search in all.
func (s *AuthorService) List(ctx context.Context, opts ListOptions) ([]models.Author, int64, error) {
	total, err := s.queries.CountAuthors(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListAuthors(ctx, models.ListAuthorsParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int32(limit),
		Skip:     int32(offset),
	})
	return rows, total, err
}

// Create checks a new author and saves it.
func (s *AuthorService) Create(ctx context.Context, params models.CreateAuthorParams) (models.Author, error) {
	if err := ValidateAuthor(models.Author{
		Name: params.Name,
		Bio:  params.Bio,
		Type: params.Type,
		Func: params.Func,
	}); err != nil {
		return models.Author{}, err
	}
	return s.queries.CreateAuthor(ctx, params)
}

// Update checks a changed author and saves it; ErrNotFound when its id has no row.
func (s *AuthorService) Update(ctx context.Context, params models.UpdateAuthorParams) (models.Author, error) {
	if err := ValidateAuthor(models.Author{
		Name: params.Name,
		Bio:  params.Bio,
		Type: params.Type,
		Func: params.Func,
	}); err != nil {
		return models.Author{}, err
	}
	row, err := s.queries.UpdateAuthor(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete removes the author with this id, or returns ErrNotFound.
func (s *AuthorService) Delete(ctx context.Context, id int64) error {
	deleted, err := s.queries.DeleteAuthor(ctx, id)
	if err == nil && deleted == 0 {
		return ErrNotFound
	}
	return err
}

// ValidateAuthor returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateAuthor(row models.Author) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"name": row.Name,
	})
	return problems.orNil()
}
