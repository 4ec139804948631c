// The files of a receipt, made by `fastopp add model Receipt`: each image or file
// field has a Set method that stores a new file (checked first with uploads.Policy.Accept or
// Receive), records it in the same transaction as the row, and deletes the file it replaces
// once that transaction commits, or the new one if it fails. The admin does the same through
// its own forms (internal/admin/uploads.go).

package services

import (
	"context"
	"database/sql"

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
		row, err := service.Get(ctx, id)
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
