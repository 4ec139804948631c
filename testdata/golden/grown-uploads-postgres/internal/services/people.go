// The person service, made by `fastopp add model Person`: the rules of a person, in
// one place, over the sqlc queries in internal/database/queries/people.sql. Add your
// own checks to ValidatePerson; every path that saves a person goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_people.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// PersonService finds, lists, saves and deletes people.
type PersonService struct {
	queries *models.Queries
}

// NewPersonService returns the service over db.
func NewPersonService(db models.DBTX) *PersonService {
	return &PersonService{queries: models.New(db)}
}

// Get returns the person with this id, or ErrNotFound.
func (s *PersonService) Get(ctx context.Context, id int64) (models.Person, error) {
	row, err := s.queries.GetPerson(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of people and how many match the search in all.
func (s *PersonService) List(ctx context.Context, opts ListOptions) ([]models.Person, int64, error) {
	total, err := s.queries.CountPeople(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListPeople(ctx, models.ListPeopleParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int32(limit),
		Skip:     int32(offset),
	})
	return rows, total, err
}

// Create checks a new person and saves it.
func (s *PersonService) Create(ctx context.Context, params models.CreatePersonParams) (models.Person, error) {
	if err := ValidatePerson(models.Person{
		Name:  params.Name,
		Photo: params.Photo,
		Cv:    params.Cv,
	}); err != nil {
		return models.Person{}, err
	}
	return s.queries.CreatePerson(ctx, params)
}

// Update checks a changed person and saves it; ErrNotFound when its id has no row.
func (s *PersonService) Update(ctx context.Context, params models.UpdatePersonParams) (models.Person, error) {
	if err := ValidatePerson(models.Person{
		Name:  params.Name,
		Photo: params.Photo,
		Cv:    params.Cv,
	}); err != nil {
		return models.Person{}, err
	}
	row, err := s.queries.UpdatePerson(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete, which deletes the person's files too, is in people_uploads.go.

// ValidatePerson returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidatePerson(row models.Person) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"name":  row.Name,
		"photo": row.Photo,
	})
	return problems.orNil()
}
