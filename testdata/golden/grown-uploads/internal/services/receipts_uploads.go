// The files of a receipt, made by `fastopp add model Receipt`: each image or file
// field has a Set method that stores a new file (checked first with uploads.Policy.Accept or
// Receive), records it in the same transaction as the row, and deletes the file it replaces
// once that transaction commits, or the new one if it fails; Delete deletes the row's files
// once the row is gone. The admin does the same through its own forms (internal/admin/uploads.go).
// Each write reads the row with GetReceiptForUpdate, which on PostgreSQL locks it: two writes
// of one receipt take turns, so the second lets go of the file the first stored.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/uploads"
)

// SetScan makes upload the Scan of the receipt with this id; nil removes it.
// It returns ErrNotFound when there is no such receipt.
func (s *ReceiptService) SetScan(ctx context.Context, db *sql.DB, files *uploads.Files, id int64, upload *uploads.Accepted) error {
	change := files.Change()
	key := ""
	if upload != nil {
		var err error
		if key, err = change.Add(ctx, upload, "receipts"); err != nil {
			change.Finish(ctx, false)
			return err
		}
	}
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewReceiptService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Scan.String)
		row.Scan = sql.NullString{String: key, Valid: key != ""}
		if _, err := service.Update(ctx, models.UpdateReceiptParams{
			ID:    row.ID,
			Total: row.Total,
			Scan:  row.Scan,
			Paid:  row.Paid,
		}); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// Delete removes the receipt with this id, or returns ErrNotFound; once that commits, its
// files are deleted too.
func (s *ReceiptService) Delete(ctx context.Context, db *sql.DB, files *uploads.Files, id int64) error {
	change := files.Change()
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewReceiptService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Scan.String)
		if _, err := service.queries.DeleteReceipt(ctx, id); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// getForUpdate returns the receipt with this id, locked until the transaction ends, or
// ErrNotFound.
func (s *ReceiptService) getForUpdate(ctx context.Context, id int64) (models.Receipt, error) {
	row, err := s.queries.GetReceiptForUpdate(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}
