// `go run . demo reset`: removes exactly the rows demo_rows lists, children before parents,
// and the registrants' photos with them. A row you added is not listed, so it stays; a demo
// webinar or category that one of your rows still uses stays too, and is removed by a later
// reset once nothing uses it.

package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/services"
)

// Reset removes what Load added and says what it removed and what it kept.
func (l *Loader) Reset(ctx context.Context) error {
	steps := []struct {
		what  string
		reset func(context.Context) (removed, kept int, err error)
	}{
		{"documents", l.resetDocuments},
		{"registrants", l.resetRegistrants},
		{"products", l.resetProducts},
		{"webinars", l.resetWebinars},
		{"categories", l.resetCategories},
		{"users", l.resetUsers},
	}
	for _, step := range steps {
		removed, kept, err := step.reset(ctx)
		if err != nil {
			return fmt.Errorf("demo reset, %s: %w", step.what, err)
		}
		fmt.Fprintf(l.out, "%-12s %3d removed", step.what+":", removed)
		if kept > 0 {
			fmt.Fprintf(l.out, ", %d kept: rows you added still use them", kept)
		}
		fmt.Fprintln(l.out)
	}
	return nil
}

// resetRegistrants deletes the demo's registrants through their service, which deletes their
// photos once the row is gone.
func (l *Loader) resetRegistrants(ctx context.Context) (removed, kept int, err error) {
	service := services.NewDemoRegistrantService(l.db)
	return l.resetThroughService(ctx, "demo_registrants", services.ErrNotFound, func(id int64) error {
		return service.Delete(ctx, l.db, l.files, id)
	})
}

// resetThroughService deletes each row the demo loaded into table with remove: a service's
// delete, which also deletes the row's files (so it runs its own transaction, not resetTable's).
// A row you deleted already (remove returns notFound) is only forgotten.
func (l *Loader) resetThroughService(ctx context.Context, table string, notFound error, remove func(id int64) error) (removed, kept int, err error) {
	rows, err := models.New(l.db).ListDemoRows(ctx, table)
	if err != nil {
		return 0, 0, err
	}
	for _, row := range rows {
		err := remove(row.RowID)
		if err == nil {
			removed++
		} else if !errors.Is(err, notFound) {
			return removed, kept, err
		}
		if err := models.New(l.db).ForgetDemoRow(ctx, row.DemoKey); err != nil {
			return removed, kept, err
		}
	}
	return removed, kept, nil
}

func (l *Loader) resetProducts(ctx context.Context) (removed, kept int, err error) {
	return l.resetTable(ctx, "demo_products", func(tx *sql.Tx, id int64) (int64, error) {
		return models.New(tx).DeleteDemoProduct(ctx, id)
	})
}

func (l *Loader) resetWebinars(ctx context.Context) (removed, kept int, err error) {
	return l.resetTable(ctx, "demo_webinars", func(tx *sql.Tx, id int64) (int64, error) {
		deleted, err := models.New(tx).DeleteDemoWebinarIfUnused(ctx, id)
		if err != nil || deleted > 0 {
			return deleted, err
		}
		if _, err := models.New(tx).GetDemoWebinar(ctx, id); err == nil {
			return 0, errInUse
		}
		return 0, nil
	})
}

func (l *Loader) resetCategories(ctx context.Context) (removed, kept int, err error) {
	return l.resetTable(ctx, "demo_categories", func(tx *sql.Tx, id int64) (int64, error) {
		deleted, err := models.New(tx).DeleteDemoCategoryIfUnused(ctx, id)
		if err != nil || deleted > 0 {
			return deleted, err
		}
		if _, err := models.New(tx).GetDemoCategory(ctx, id); err == nil {
			return 0, errInUse
		}
		return 0, nil
	})
}

// errInUse says a demo row stays because a row you added uses it.
var errInUse = errors.New("in use")

// resetTable deletes each row the demo loaded into table with remove, which returns how many
// rows it deleted (0 when you deleted the row already) or errInUse to keep it, and forgets
// the rows that are gone, each in its own transaction.
func (l *Loader) resetTable(ctx context.Context, table string, remove func(tx *sql.Tx, id int64) (int64, error)) (removed, kept int, err error) {
	rows, err := models.New(l.db).ListDemoRows(ctx, table)
	if err != nil {
		return 0, 0, err
	}
	for _, row := range rows {
		err := database.WriteTx(ctx, l.db, func(tx *sql.Tx) error {
			deleted, err := remove(tx, row.RowID)
			if err != nil {
				return err
			}
			removed += int(deleted)
			return models.New(tx).ForgetDemoRow(ctx, row.DemoKey)
		})
		if errors.Is(err, errInUse) {
			kept++
		} else if err != nil {
			return removed, kept, err
		}
	}
	return removed, kept, nil
}
