// A registrant's notes, edited in place on the registrant page (/demo/registrants/{id}). The
// row is read with GetDemoRegistrantForUpdate inside the write, as SetPhoto does: two edits
// of one registrant take turns, so neither puts back a photo or name the other had changed.

package services

import (
	"context"
	"database/sql"

	"myapp/internal/database"
	"myapp/internal/models"
)

// SetNotes replaces the notes of the demo registrant with this id ("" clears them) and
// returns the row as saved, or ErrNotFound.
func (s *DemoRegistrantService) SetNotes(ctx context.Context, db *sql.DB, id int64, notes string) (models.DemoRegistrant, error) {
	var saved models.DemoRegistrant
	err := database.WriteTx(ctx, db, func(tx *sql.Tx) error {
		service := NewDemoRegistrantService(tx)
		row, err := service.getForUpdate(ctx, id)
		if err != nil {
			return err
		}
		row.Notes = sql.NullString{String: notes, Valid: notes != ""}
		saved, err = service.Update(ctx, models.UpdateDemoRegistrantParams{
			ID:        row.ID,
			WebinarID: row.WebinarID,
			Name:      row.Name,
			Email:     row.Email,
			Company:   row.Company,
			Notes:     row.Notes,
			Photo:     row.Photo,
		})
		return err
	})
	return saved, err
}
