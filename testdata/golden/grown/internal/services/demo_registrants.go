// The demo registrant service, written as `fastopp add model DemoRegistrant` would (the demo feature's model): the rules of a demo registrant, in
// one place, over the sqlc queries in internal/database/queries/demo.sql. Add your
// own checks to ValidateDemoRegistrant; every path that saves a demo registrant goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_demo_registrants.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// DemoRegistrantService finds, lists, saves and deletes demo_registrants.
type DemoRegistrantService struct {
	queries *models.Queries
}

// NewDemoRegistrantService returns the service over db.
func NewDemoRegistrantService(db models.DBTX) *DemoRegistrantService {
	return &DemoRegistrantService{queries: models.New(db)}
}

// Get returns the demo registrant with this id, or ErrNotFound.
func (s *DemoRegistrantService) Get(ctx context.Context, id int64) (models.DemoRegistrant, error) {
	row, err := s.queries.GetDemoRegistrant(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of demo_registrants and how many match the search in all.
func (s *DemoRegistrantService) List(ctx context.Context, opts ListOptions) ([]models.DemoRegistrant, int64, error) {
	total, err := s.queries.CountDemoRegistrants(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListDemoRegistrants(ctx, models.ListDemoRegistrantsParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int64(limit),
		Skip:     int64(offset),
	})
	return rows, total, err
}

// Create checks a new demo registrant and saves it.
func (s *DemoRegistrantService) Create(ctx context.Context, params models.CreateDemoRegistrantParams) (models.DemoRegistrant, error) {
	if err := ValidateDemoRegistrant(models.DemoRegistrant{
		WebinarID: params.WebinarID,
		Name:      params.Name,
		Email:     params.Email,
		Company:   params.Company,
		Notes:     params.Notes,
		Photo:     params.Photo,
	}); err != nil {
		return models.DemoRegistrant{}, err
	}
	return s.queries.CreateDemoRegistrant(ctx, params)
}

// Update checks a changed demo registrant and saves it; ErrNotFound when its id has no row.
func (s *DemoRegistrantService) Update(ctx context.Context, params models.UpdateDemoRegistrantParams) (models.DemoRegistrant, error) {
	if err := ValidateDemoRegistrant(models.DemoRegistrant{
		WebinarID: params.WebinarID,
		Name:      params.Name,
		Email:     params.Email,
		Company:   params.Company,
		Notes:     params.Notes,
		Photo:     params.Photo,
	}); err != nil {
		return models.DemoRegistrant{}, err
	}
	row, err := s.queries.UpdateDemoRegistrant(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete, which deletes the demo registrant's files too, is in demo_registrants_uploads.go.

// ValidateDemoRegistrant returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateDemoRegistrant(row models.DemoRegistrant) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"name":  row.Name,
		"email": row.Email,
	})
	return problems.orNil()
}
