// The files of a person, made by `fastopp add model Person`: each image or file
// field has a Set method that stores a new file (checked first with uploads.Policy.Accept or
// Receive), records it in the same transaction as the row, and deletes the file it replaces
// once that transaction commits, or the new one if it fails; Delete deletes the row's files
// once the row is gone. The admin does the same through its own forms (internal/admin/uploads.go).
// Each write reads the row with GetPersonForUpdate, which on PostgreSQL locks it: two writes
// of one person take turns, so the second lets go of the file the first stored.

package services

import (
	"context"
	"database/sql"
	"errors"

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
		row, err := service.getForUpdate(ctx, id)
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
		row, err := service.getForUpdate(ctx, id)
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

// Delete removes the person with this id, or returns ErrNotFound; once that commits, its
// files are deleted too.
func (s *PersonService) Delete(ctx context.Context, db *sql.DB, files *uploads.Files, id int64) error {
	change := files.Change()
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewPersonService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Photo)
		change.Remove(row.Cv.String)
		if _, err := service.queries.DeletePerson(ctx, id); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// getForUpdate returns the person with this id, locked until the transaction ends, or
// ErrNotFound.
func (s *PersonService) getForUpdate(ctx context.Context, id int64) (models.Person, error) {
	row, err := s.queries.GetPersonForUpdate(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}
