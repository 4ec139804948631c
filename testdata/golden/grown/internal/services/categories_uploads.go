// The files of a category, made by `fastopp add model Category`: each image or file
// field has a Set method that stores a new file (checked first with uploads.Policy.Accept or
// Receive), records it in the same transaction as the row, and deletes the file it replaces
// once that transaction commits, or the new one if it fails; Delete deletes the row's files
// once the row is gone. The admin does the same through its own forms (internal/admin/uploads.go).
// Each write reads the row with GetCategoryForUpdate, which on PostgreSQL locks it: two writes
// of one category take turns, so the second lets go of the file the first stored.

package services

import (
	"context"
	"database/sql"
	"errors"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/uploads"
)

// SetCover makes upload the Cover of the category with this id; nil removes it.
// It returns ErrNotFound when there is no such category.
func (s *CategoryService) SetCover(ctx context.Context, db *sql.DB, files *uploads.Files, id int64, upload *uploads.Accepted) error {
	change := files.Change()
	key := ""
	if upload != nil {
		var err error
		if key, err = change.Add(ctx, upload, "categories"); err != nil {
			change.Finish(ctx, false)
			return err
		}
	}
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewCategoryService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Cover.String)
		row.Cover = sql.NullString{String: key, Valid: key != ""}
		if _, err := service.Update(ctx, models.UpdateCategoryParams{
			ID:       row.ID,
			Name:     row.Name,
			ParentID: row.ParentID,
			Meta:     row.Meta,
			Code:     row.Code,
			Cover:    row.Cover,
			Manual:   row.Manual,
			StartsAt: row.StartsAt,
			Views:    row.Views,
			Day:      row.Day,
			Featured: row.Featured,
		}); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// SetManual makes upload the Manual of the category with this id; nil removes it.
// It returns ErrNotFound when there is no such category.
func (s *CategoryService) SetManual(ctx context.Context, db *sql.DB, files *uploads.Files, id int64, upload *uploads.Accepted) error {
	change := files.Change()
	key := ""
	if upload != nil {
		var err error
		if key, err = change.Add(ctx, upload, "categories"); err != nil {
			change.Finish(ctx, false)
			return err
		}
	}
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewCategoryService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Manual.String)
		row.Manual = sql.NullString{String: key, Valid: key != ""}
		if _, err := service.Update(ctx, models.UpdateCategoryParams{
			ID:       row.ID,
			Name:     row.Name,
			ParentID: row.ParentID,
			Meta:     row.Meta,
			Code:     row.Code,
			Cover:    row.Cover,
			Manual:   row.Manual,
			StartsAt: row.StartsAt,
			Views:    row.Views,
			Day:      row.Day,
			Featured: row.Featured,
		}); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// Delete removes the category with this id, or returns ErrNotFound; once that commits, its
// files are deleted too.
func (s *CategoryService) Delete(ctx context.Context, db *sql.DB, files *uploads.Files, id int64) error {
	change := files.Change()
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewCategoryService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		change.Remove(row.Cover.String)
		change.Remove(row.Manual.String)
		if _, err := service.queries.DeleteCategory(ctx, id); err != nil {
			return err
		}
		return change.Record(ctx, tx)
	})
	change.Finish(ctx, err == nil)
	return err
}

// getForUpdate returns the category with this id, locked until the transaction ends, or
// ErrNotFound.
func (s *CategoryService) getForUpdate(ctx context.Context, id int64) (models.Category, error) {
	row, err := s.queries.GetCategoryForUpdate(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, ErrNotFound
	}
	return row, err
}
