// Adding, changing and deleting rows through the admin. Each change and its audit entry are
// written in one transaction: both are saved, or neither is.

package admin

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"myapp/internal/database"
	"myapp/internal/models"
)

// Actor is who makes a change and from where, for the audit log.
type Actor struct {
	UserID        int64
	Email         string
	ClientAddress string
}

// Change is one field's value before and after, as the audit log shows it.
type Change struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// FieldError is a value the database refused: another row already has it, or it is empty
// (Missing) where the table requires one, which happens when a Field is not Required but its
// column is NOT NULL.
type FieldError struct {
	Column  string
	Missing bool
}

func (e *FieldError) Error() string {
	if e.Missing {
		return e.Column + " cannot be empty"
	}
	return "another row already has this " + e.Column
}

// Recorder runs inside the transaction of a save or delete, with the row's values as they were
// before it (nil for a new row): the admin records the row's uploaded files with it (uploads.go).
type Recorder func(ctx context.Context, tx *sql.Tx, before map[string]any) error

// Insert adds a row with values (column -> value) plus the table's Defaults, and returns its id.
// record, when not nil, runs in the same transaction.
func (s *Store) Insert(ctx context.Context, t Table, values map[string]any, actor Actor, record Recorder) (int64, error) {
	all := maps.Clone(values)
	for column, value := range t.Defaults {
		if _, set := all[column]; !set {
			all[column] = value
		}
	}
	columns := slices.Sorted(maps.Keys(all)) // sorted, so the same form always gives the same SQL
	var p params
	var marks []string
	for _, column := range columns {
		marks = append(marks, p.add(all[column]))
	}
	query := "INSERT INTO " + t.DBTable + " (" + strings.Join(columns, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ") RETURNING id"
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, query, p...).Scan(&id); err != nil {
			return err
		}
		if err := validate(ctx, tx, t, id); err != nil {
			return err
		}
		if record != nil {
			if err := record(ctx, tx, nil); err != nil {
				return err
			}
		}
		changes := map[string]Change{}
		for column, value := range values {
			f, _ := t.Field(column)
			changes[column] = Change{New: display(value, f.Kind)}
		}
		return s.audit(ctx, tx, actor, "add", t, id, changes)
	})
	return id, err
}

// Update sets values (column -> value) on row id, and records the fields that really changed.
// record, when not nil, runs in the same transaction.
func (s *Store) Update(ctx context.Context, t Table, id int64, values map[string]any, actor Actor, record Recorder) error {
	return s.committed(ctx, t, id, func(tx *sql.Tx) error {
		before, err := getForWrite(ctx, tx, t, id)
		if err != nil {
			return err
		}
		changes := map[string]Change{}
		var p params
		var sets []string
		for _, column := range slices.Sorted(maps.Keys(values)) {
			f, _ := t.Field(column)
			was, now := display(before.Values[column], f.Kind), display(values[column], f.Kind)
			if was != now || f.Kind == Password { // a new password always counts as a change
				changes[column] = Change{Old: was, New: now}
				if f.Kind == Password {
					changes[column] = Change{Old: was, New: "(changed)"}
				}
				sets = append(sets, column+" = "+p.add(values[column]))
			}
		}
		if t.Authorize != nil {
			if err := t.Authorize(ctx, tx, actor, "change", id, changes); err != nil {
				return err
			}
		}
		if len(sets) == 0 {
			return nil // nothing changed: nothing to write or record
		}
		query := "UPDATE " + t.DBTable + " SET " + strings.Join(sets, ", ") + " WHERE id = " + p.add(id)
		if _, err := tx.ExecContext(ctx, query, p...); err != nil {
			return err
		}
		if err := validate(ctx, tx, t, id); err != nil {
			return err
		}
		if record != nil {
			if err := record(ctx, tx, before.Values); err != nil {
				return err
			}
		}
		if t.AfterChange != nil {
			if err := t.AfterChange(ctx, tx, id, changes); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "change", t, id, changes)
	})
}

// Delete removes row id and records the values it had. record, when not nil, runs in the same
// transaction.
func (s *Store) Delete(ctx context.Context, t Table, id int64, actor Actor, record Recorder) error {
	return s.committed(ctx, t, id, func(tx *sql.Tx) error {
		before, err := getForWrite(ctx, tx, t, id)
		if err != nil {
			return err
		}
		if t.Authorize != nil {
			if err := t.Authorize(ctx, tx, actor, "delete", id, nil); err != nil {
				return err
			}
		}
		var p params
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t.DBTable+" WHERE id = "+p.add(id), p...); err != nil {
			return err
		}
		if record != nil {
			if err := record(ctx, tx, before.Values); err != nil {
				return err
			}
		}
		changes := map[string]Change{}
		for _, f := range t.Fields {
			changes[f.Column] = Change{Old: display(before.Values[f.Column], f.Kind)}
		}
		return s.audit(ctx, tx, actor, "delete", t, id, changes)
	})
}

// invalidRow is an error that says what is wrong with each column of a row, such as a
// services.ValidationError: the form shows each problem beside its field.
type invalidRow interface {
	error
	Problems() map[string]string
}

// validate runs the table's Validate hook, if it has one, on row id as it was just written.
func validate(ctx context.Context, tx *sql.Tx, t Table, id int64) error {
	if t.Validate == nil {
		return nil
	}
	return t.Validate(ctx, tx, id)
}

// audit writes one entry of the audit log inside the change's transaction.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, actor Actor, action string, t Table, id int64, changes map[string]Change) error {
	data, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	return models.New(tx).AddAuditEntry(ctx, models.AddAuditEntryParams{
		UserID:        sql.NullInt64{Int64: actor.UserID, Valid: true},
		UserEmail:     actor.Email,
		Action:        action,
		Model:         t.Name,
		ObjectID:      id,
		Changes:       string(data),
		ClientAddress: actor.ClientAddress,
		CreatedAt:     s.now(),
	})
}

// committed runs change in a transaction, then the table's AfterCommit once it is saved.
func (s *Store) committed(ctx context.Context, t Table, id int64, change func(*sql.Tx) error) error {
	if err := s.inTx(ctx, change); err != nil {
		return err
	}
	if t.AfterCommit != nil {
		t.AfterCommit(ctx, id)
	}
	return nil
}

// inTx runs change in a write transaction (see database.WriteTx), committed when change
// returns nil. A duplicate or missing value comes back as a *FieldError naming the column, so
// the form can show it on that field.
func (s *Store) inTx(ctx context.Context, change func(*sql.Tx) error) error {
	err := database.WriteTx(ctx, s.db, change)
	if err == nil || errors.Is(err, ErrNotFound) {
		return err
	}
	if column := uniqueViolation(err); column != "" {
		return &FieldError{Column: column}
	}
	if column := notNullViolation(err); column != "" {
		return &FieldError{Column: column, Missing: true}
	}
	return fmt.Errorf("save: %w", err)
}
