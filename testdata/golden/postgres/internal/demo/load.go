// The steps of `go run . demo load`, one per table, in the order the tables reference each
// other. Every row goes through its service (internal/services), so the demo's rows follow
// the same rules as yours.

package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/uploads"
)

func (l *Loader) loadCategories(ctx context.Context) (added, there int, err error) {
	for _, name := range sampleCategories {
		ok, err := l.addOnce(ctx, "category:"+name, "demo_categories", func(tx *sql.Tx) (int64, error) {
			// A category of yours with this name: the demo's products go into it, and it stays yours.
			if _, err := models.New(tx).DemoCategoryByName(ctx, name); err == nil {
				return 0, errYours
			}
			row, err := services.NewDemoCategoryService(tx).Create(ctx, name)
			return row.ID, err
		})
		if err := count(ok, err, &added, &there); err != nil {
			return added, there, err
		}
	}
	return added, there, nil
}

func (l *Loader) loadProducts(ctx context.Context) (added, there int, err error) {
	for _, p := range sampleProducts {
		ok, err := l.addOnce(ctx, "product:"+p.name, "demo_products", func(tx *sql.Tx) (int64, error) {
			category, err := models.New(tx).DemoCategoryByName(ctx, p.category)
			if err != nil {
				return 0, errors.New("no category " + p.category + ": was it deleted? Run `go run . demo reset`, then load again")
			}
			params := models.CreateDemoProductParams{
				Name:        p.name,
				CategoryID:  category.ID,
				Price:       p.price,
				Stock:       int32(p.stock),
				Description: sql.NullString{String: p.description, Valid: p.description != ""},
			}
			row, err := services.NewDemoProductService(tx).Create(ctx, params)
			return row.ID, err
		})
		if err := count(ok, err, &added, &there); err != nil {
			return added, there, err
		}
	}
	return added, there, nil
}

func (l *Loader) loadWebinars(ctx context.Context) (added, there int, err error) {
	today := l.now().UTC().Truncate(24 * time.Hour)
	for _, w := range sampleWebinars {
		ok, err := l.addOnce(ctx, "webinar:"+w.title, "demo_webinars", func(tx *sql.Tx) (int64, error) {
			row, err := services.NewDemoWebinarService(tx).Create(ctx, models.CreateDemoWebinarParams{
				Title:       w.title,
				Presenter:   w.presenter,
				StartsAt:    today.AddDate(0, 0, w.inDays).Add(16 * time.Hour),
				Description: sql.NullString{String: w.description, Valid: true},
			})
			return row.ID, err
		})
		if err := count(ok, err, &added, &there); err != nil {
			return added, there, err
		}
	}
	return added, there, nil
}

func (l *Loader) loadRegistrants(ctx context.Context) (added, there int, err error) {
	for _, r := range sampleRegistrants {
		ok, err := l.addOnce(ctx, "registrant:"+r.email, "demo_registrants", func(tx *sql.Tx) (int64, error) {
			webinarID, err := models.New(tx).DemoRowID(ctx, "webinar:"+r.webinar)
			if err != nil {
				return 0, errors.New("no webinar " + r.webinar + ": run `go run . demo reset`, then load again")
			}
			row, err := services.NewDemoRegistrantService(tx).Create(ctx, models.CreateDemoRegistrantParams{
				WebinarID: webinarID,
				Name:      r.name,
				Email:     r.email,
				Company:   sql.NullString{String: r.company, Valid: r.company != ""},
				Notes:     sql.NullString{String: r.notes, Valid: r.notes != ""},
			})
			return row.ID, err
		})
		if err := count(ok, err, &added, &there); err != nil {
			return added, there, err
		}
	}
	return added, there, nil
}

// loadPhotos gives each demo registrant without a photo its drawn one, stored and recorded
// through the uploads feature like a photo sent with the registrant's form.
func (l *Loader) loadPhotos(ctx context.Context) (added, there int, err error) {
	service := services.NewDemoRegistrantService(l.db)
	for _, r := range sampleRegistrants {
		id, err := models.New(l.db).DemoRowID(ctx, "registrant:"+r.email)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return added, there, err
		}
		row, err := service.Get(ctx, id)
		if errors.Is(err, services.ErrNotFound) {
			continue // you deleted it: reset will forget it
		}
		if err != nil {
			return added, there, err
		}
		if row.Photo.String != "" {
			there++
			continue
		}
		upload, err := l.photo(r)
		if err != nil {
			return added, there, err
		}
		err = service.SetPhoto(ctx, l.db, l.files, id, upload)
		if errors.Is(err, uploads.ErrDisabled) {
			fmt.Fprintln(l.out, "  no photos:", err)
			return added, there, nil
		}
		if err != nil {
			return added, there, err
		}
		added++
	}
	return added, there, nil
}
