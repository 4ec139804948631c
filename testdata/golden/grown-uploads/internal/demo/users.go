// The demo's sample users: each gets a random password, printed once by `go run . demo load`
// (never a default password a student might deploy), and joins its groups.

package demo

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"myapp/internal/database"
	"myapp/internal/models"
)

func (l *Loader) loadUsers(ctx context.Context) (added, there int, err error) {
	for _, u := range sampleUsers {
		ok, err := l.addUser(ctx, u)
		if err := count(ok, err, &added, &there); err != nil {
			return added, there, err
		}
	}
	return added, there, nil
}

// addUser creates u unless a user has its email already (the demo's from an earlier load, or
// one of yours, which is left alone). The email is unique, so two loads at once cannot both
// create it: the second finds it taken.
func (l *Loader) addUser(ctx context.Context, u sampleUser) (added bool, err error) {
	password := rand.Text() // 26 random letters and digits: 130 bits
	user, err := l.accounts.CreateUser(ctx, u.email, password, u.role)
	if err != nil {
		if _, lookup := l.accounts.UserByEmail(ctx, u.email); lookup == nil {
			return false, nil
		}
		return false, err
	}
	err = database.WriteTx(ctx, l.db, func(tx *sql.Tx) error {
		queries := models.New(tx)
		key := "user:" + user.Email
		if _, err := queries.ClaimDemoRow(ctx, models.ClaimDemoRowParams{DemoKey: key, TableName: "users"}); err != nil {
			return err
		}
		if err := queries.SetDemoRowID(ctx, models.SetDemoRowIDParams{DemoKey: key, RowID: user.ID}); err != nil {
			return err
		}
		for _, name := range u.groups {
			group, err := queries.GetGroupByName(ctx, name)
			if errors.Is(err, sql.ErrNoRows) {
				fmt.Fprintf(l.out, "  no group %q (deleted?): %s joins no group\n", name, user.Email)
				continue
			}
			if err != nil {
				return err
			}
			if err := queries.AddUserToGroup(ctx, models.AddUserToGroupParams{UserID: user.ID, GroupID: group.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	fmt.Fprintf(l.out, "  user %-28s password %s  (%s; shown only this once)\n", user.Email, password, describeUser(u))
	return true, nil
}

// describeUser says what a sample user may do, for the line that shows its password.
func describeUser(u sampleUser) string {
	if len(u.groups) == 0 {
		return string(u.role)
	}
	return fmt.Sprintf("%s, groups %v", u.role, u.groups)
}

// resetUsers deletes the demo's users (their sessions go with them).
func (l *Loader) resetUsers(ctx context.Context) (removed, kept int, err error) {
	return l.resetTable(ctx, "users", func(tx *sql.Tx, id int64) (int64, error) {
		return models.New(tx).DeleteDemoUser(ctx, id)
	})
}
