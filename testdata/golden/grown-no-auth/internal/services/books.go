// The book service, made by `fastopp add model Book`: the rules of a book, in
// one place, over the sqlc queries in internal/database/queries/books.sql. Add your
// own checks to ValidateBook; every path that saves a book goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_books.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// BookService finds, lists, saves and deletes books.
type BookService struct {
	queries *models.Queries
}

// NewBookService returns the service over db.
func NewBookService(db models.DBTX) *BookService {
	return &BookService{queries: models.New(db)}
}

// Get returns the book with this id, or ErrNotFound.
func (s *BookService) Get(ctx context.Context, id int64) (models.Book, error) {
	row, err := s.queries.GetBook(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of books and how many match the search in all.
func (s *BookService) List(ctx context.Context, opts ListOptions) ([]models.Book, int64, error) {
	total, err := s.queries.CountBooks(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListBooks(ctx, models.ListBooksParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int64(limit),
		Skip:     int64(offset),
	})
	return rows, total, err
}

// Create checks a new book and saves it.
func (s *BookService) Create(ctx context.Context, params models.CreateBookParams) (models.Book, error) {
	if err := ValidateBook(models.Book{
		Title:    params.Title,
		AuthorID: params.AuthorID,
	}); err != nil {
		return models.Book{}, err
	}
	return s.queries.CreateBook(ctx, params)
}

// Update checks a changed book and saves it; ErrNotFound when its id has no row.
func (s *BookService) Update(ctx context.Context, params models.UpdateBookParams) (models.Book, error) {
	if err := ValidateBook(models.Book{
		Title:    params.Title,
		AuthorID: params.AuthorID,
	}); err != nil {
		return models.Book{}, err
	}
	row, err := s.queries.UpdateBook(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete removes the book with this id, or returns ErrNotFound.
func (s *BookService) Delete(ctx context.Context, id int64) error {
	deleted, err := s.queries.DeleteBook(ctx, id)
	if err == nil && deleted == 0 {
		return ErrNotFound
	}
	return err
}

// ValidateBook returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateBook(row models.Book) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"title": row.Title,
	})
	return problems.orNil()
}
