// The files of a demo registrant, written as `fastopp add model DemoRegistrant` would (the demo feature's model): each image or file
// field has a Set method that stores a new file (checked first with uploads.Policy.Accept or
// Receive), records it in the same transaction as the row, and deletes the file it replaces
// once that transaction commits, or the new one if it fails; Delete deletes the row's files
// once the row is gone. The admin does the same through its own forms (internal/admin/uploads.go).
// Each write reads the row with GetDemoRegistrantForUpdate, which on PostgreSQL locks it: two writes
// of one demo registrant take turns, so the second lets go of the file the first stored.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/uploads"
)

// SetPhoto makes upload the Photo of the demo registrant with this id; nil removes it.
// It returns ErrNotFound when there is no such demo registrant.
func (s *DemoRegistrantService) SetPhoto(ctx context.Context, db *sql.DB, files *uploads.Files, id int64, upload *uploads.Accepted) error {
	change := files.Change()
	key := ""
	if upload != nil {
		var err error
		if key, err = change.Add(ctx, upload, "demo_registrants"); err != nil {
			change.Finish(ctx, false)
			return err
		}
	}
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewDemoRegistrantService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Photo.String)
		row.Photo = sql.NullString{String: key, Valid: key != ""}
		if _, err := service.Update(ctx, models.UpdateDemoRegistrantParams{
			ID:        row.ID,
			WebinarID: row.WebinarID,
			Name:      row.Name,
			Email:     row.Email,
			Company:   row.Company,
			Notes:     row.Notes,
			Photo:     row.Photo,
		}); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// Delete removes the demo registrant with this id, or returns ErrNotFound; once that commits, its
// files are deleted too.
func (s *DemoRegistrantService) Delete(ctx context.Context, db *sql.DB, files *uploads.Files, id int64) error {
	change := files.Change()
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewDemoRegistrantService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Photo.String)
		if _, err := service.queries.DeleteDemoRegistrant(ctx, id); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// getForUpdate returns the demo registrant with this id, locked until the transaction ends, or
// ErrNotFound.
func (s *DemoRegistrantService) getForUpdate(ctx context.Context, id int64) (models.DemoRegistrant, error) {
	row, err := s.queries.GetDemoRegistrantForUpdate(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}
