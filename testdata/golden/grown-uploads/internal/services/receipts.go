// The receipt service, made by `fastopp add model Receipt`: the rules of a receipt, in
// one place, over the sqlc queries in internal/database/queries/receipts.sql. Add your
// own checks to ValidateReceipt; every path that saves a receipt goes through it: this
// service's Create and Update, and the admin, whose declaration (internal/admin/table_receipts.go)
// calls it on every add and change.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/models"
)

// ReceiptService finds, lists, saves and deletes receipts.
type ReceiptService struct {
	queries *models.Queries
}

// NewReceiptService returns the service over db.
func NewReceiptService(db models.DBTX) *ReceiptService {
	return &ReceiptService{queries: models.New(db)}
}

// Get returns the receipt with this id, or ErrNotFound.
func (s *ReceiptService) Get(ctx context.Context, id int64) (models.Receipt, error) {
	row, err := s.queries.GetReceipt(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// List returns one page of receipts and how many match the search in all.
func (s *ReceiptService) List(ctx context.Context, opts ListOptions) ([]models.Receipt, int64, error) {
	total, err := s.queries.CountReceipts(ctx, opts.Search)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := opts.limits()
	rows, err := s.queries.ListReceipts(ctx, models.ListReceiptsParams{
		Search:   opts.Search,
		Sort:     opts.Sort,
		PageSize: int64(limit),
		Skip:     int64(offset),
	})
	return rows, total, err
}

// Create checks a new receipt and saves it.
func (s *ReceiptService) Create(ctx context.Context, params models.CreateReceiptParams) (models.Receipt, error) {
	if err := ValidateReceipt(models.Receipt{
		Total: params.Total,
		Scan:  params.Scan,
		Paid:  params.Paid,
	}); err != nil {
		return models.Receipt{}, err
	}
	return s.queries.CreateReceipt(ctx, params)
}

// Update checks a changed receipt and saves it; ErrNotFound when its id has no row.
func (s *ReceiptService) Update(ctx context.Context, params models.UpdateReceiptParams) (models.Receipt, error) {
	if err := ValidateReceipt(models.Receipt{
		Total: params.Total,
		Scan:  params.Scan,
		Paid:  params.Paid,
	}); err != nil {
		return models.Receipt{}, err
	}
	row, err := s.queries.UpdateReceipt(ctx, params)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}

// Delete, which deletes the receipt's files too, is in receipts_uploads.go.

// ValidateReceipt returns a ValidationError naming each column that is not acceptable, with
// what is wrong in words the admin's form shows beside the field: problems["column"] = "...".
func ValidateReceipt(row models.Receipt) error {
	problems := ValidationError{}
	required(problems, map[string]string{
		"total": row.Total,
	})
	return problems.orNil()
}
