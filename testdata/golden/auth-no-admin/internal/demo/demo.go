// Package demo fills the app with sample data for a first class: `go run . demo load` adds
// categories, products, webinars and their registrants (with photos), and sample users in the
// marketing and sales groups;
// `go run . demo reset` removes exactly what it added.
// Each row is recorded in demo_rows under a key of its own, so that loading twice adds
// nothing twice and a row you add yourself is never removed. The sample data is in
// samples.go: change it there.
package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"myapp/internal/auth"
	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/uploads"
)

// Loader loads and resets the demo's data.
type Loader struct {
	db       *sql.DB
	files    *uploads.Files
	policy   uploads.Policy
	accounts *auth.Service
	now      func() time.Time // the webinars are dated from now
	out      io.Writer        // where Load and Reset say what they did
}

// NewLoader returns a loader writing to db and storing photos through files, checked by policy
// as any upload is; accounts creates the sample users.
func NewLoader(db *sql.DB, files *uploads.Files, policy uploads.Policy, accounts *auth.Service, now func() time.Time, out io.Writer) *Loader {
	return &Loader{db: db, files: files, policy: policy, accounts: accounts, now: now, out: out}
}

// Load adds every sample row that is not there yet and says what it added.
func (l *Loader) Load(ctx context.Context) error {
	steps := []struct {
		what string
		load func(context.Context) (added, there int, err error)
	}{
		{"categories", l.loadCategories},
		{"products", l.loadProducts},
		{"webinars", l.loadWebinars},
		{"registrants", l.loadRegistrants},
		{"registrant photos", l.loadPhotos},
		{"users", l.loadUsers},
	}
	for _, step := range steps {
		added, there, err := step.load(ctx)
		if err != nil {
			return fmt.Errorf("demo load, %s: %w", step.what, err)
		}
		fmt.Fprintf(l.out, "%-18s %3d added, %3d already there\n", step.what+":", added, there)
	}
	return nil
}

// errClaimed says the key of a row was claimed already: the demo loaded that row before.
var errClaimed = errors.New("loaded already")

// addOnce adds one sample row under key, unless the demo added it already: it claims the key,
// runs insert, and records the new row's id, all in one transaction, so that a failure or a
// second `demo load` at the same moment leaves one row, never two. added is false when the
// row was there.
func (l *Loader) addOnce(ctx context.Context, key, table string, insert func(tx *sql.Tx) (id int64, err error)) (added bool, err error) {
	err = database.WriteTx(ctx, l.db, func(tx *sql.Tx) error {
		queries := models.New(tx)
		claimed, err := queries.ClaimDemoRow(ctx, models.ClaimDemoRowParams{DemoKey: key, TableName: table})
		if err != nil {
			return err
		}
		if claimed == 0 {
			return errClaimed
		}
		id, err := insert(tx)
		if err != nil {
			return err
		}
		return queries.SetDemoRowID(ctx, models.SetDemoRowIDParams{DemoKey: key, RowID: id})
	})
	if errors.Is(err, errClaimed) || errors.Is(err, errYours) {
		return false, nil
	}
	return err == nil, err
}

// errYours says a row the demo would add exists already, made by you: the demo uses it and
// leaves it alone.
var errYours = errors.New("made by you")

// count adds one to added or to there.
func count(added bool, err error, addedCount, thereCount *int) error {
	if err != nil {
		return err
	}
	if added {
		*addedCount++
	} else {
		*thereCount++
	}
	return nil
}
