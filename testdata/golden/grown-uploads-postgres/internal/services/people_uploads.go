// The files of a person, made by `fastopp add model Person`: each image or file
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

// SetPhoto makes upload the Photo of the person with this id.
// It returns ErrNotFound when there is no such person.
func (s *PersonService) SetPhoto(ctx context.Context, db *sql.DB, files *uploads.Files, id int64, upload *uploads.Accepted) error {
	change := files.Change()
	key := ""
	if upload != nil {
		var err error
		if key, err = change.Add(ctx, upload, "people"); err != nil {
			change.Finish(ctx, false)
			return err
		}
	}
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewPersonService(tx)
		row, err := service.Get(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Photo)
		row.Photo = key
		if _, err := service.Update(ctx, models.UpdatePersonParams{
			ID:    row.ID,
			Name:  row.Name,
			Photo: row.Photo,
			Cv:    row.Cv,
		}); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// SetCv makes upload the Cv of the person with this id; nil removes it.
// It returns ErrNotFound when there is no such person.
func (s *PersonService) SetCv(ctx context.Context, db *sql.DB, files *uploads.Files, id int64, upload *uploads.Accepted) error {
	change := files.Change()
	key := ""
	if upload != nil {
		var err error
		if key, err = change.Add(ctx, upload, "people"); err != nil {
			change.Finish(ctx, false)
			return err
		}
	}
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewPersonService(tx)
		row, err := service.Get(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Cv.String)
		row.Cv = sql.NullString{String: key, Valid: key != ""}
		if _, err := service.Update(ctx, models.UpdatePersonParams{
			ID:    row.ID,
			Name:  row.Name,
			Photo: row.Photo,
			Cv:    row.Cv,
		}); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}
