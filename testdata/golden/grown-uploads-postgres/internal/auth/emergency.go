// Emergency access: a way back in when nobody can log in and there is no shell on the host
// to run createsuperuser. It is off unless EMERGENCY_ACCESS_ENABLED=true; then
// `go run . emergency-access` prints a link that works once, for EmergencyLinkTTL.

package auth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"myapp/internal/database"
	"myapp/internal/models"
)

// EmergencyLinkTTL is how long an emergency access link works.
const EmergencyLinkTTL = 15 * time.Minute

// ErrEmergencyAccessOff is returned when EMERGENCY_ACCESS_ENABLED is not true.
var ErrEmergencyAccessOff = errors.New("emergency access is off: set EMERGENCY_ACCESS_ENABLED=true " +
	"(for the server too, then restart it), and set it back to false when you are done")

// CreateEmergencyToken returns a new one-time token. It is random (not derived from
// SECRET_KEY, which would make every link guessable from the key) and only its hash is stored.
func (s *Service) CreateEmergencyToken(ctx context.Context) (string, error) {
	if !s.cfg.EmergencyAccessEnabled {
		return "", ErrEmergencyAccessOff
	}
	token := rand.Text()
	err := s.queries.CreateEmergencyToken(ctx, models.CreateEmergencyTokenParams{
		TokenHash: hashToken(token), ExpiresAt: s.now().Add(EmergencyLinkTTL),
	})
	if err != nil {
		return "", fmt.Errorf("save the emergency token: %w", err)
	}
	s.logger.Warn("emergency access link created", "valid_for", EmergencyLinkTTL)
	return token, nil
}

// emergencyAccount is the account emergency access tries are throttled as, with failed logins
// (see login.go); no email looks like it.
const emergencyAccount = "emergency access"

// CheckEmergencyToken returns nil when token exists, is unused and has not expired, and
// ErrInvalidToken when not. It changes nothing, so showing the form (a GET) uses nothing up.
// A wrong token counts as a failed login from clientAddress, so guessing links is throttled
// like guessing passwords: a *ThrottledError says when to try again.
func (s *Service) CheckEmergencyToken(ctx context.Context, token, clientAddress string) error {
	try, err := s.countTry(ctx, emergencyAccount, clientAddress)
	if err != nil {
		return err
	}
	_, err = s.queries.FindEmergencyToken(ctx, models.FindEmergencyTokenParams{TokenHash: hashToken(token), Now: s.now()})
	if errors.Is(err, sql.ErrNoRows) {
		return ErrInvalidToken // the try stays counted as a failure
	}
	if err != nil {
		return err
	}
	return s.queries.DeleteLoginFailure(ctx, try)
}

// UseEmergencyToken uses up token and then sets the password of the account with this
// email, activating it, or creates it as a superuser if there is none. It returns what it
// did, for the log. The token is checked first (see CheckEmergencyToken), so a guess costs
// no password hash. Using the token and changing the account happen in one transaction:
// either both happen, or neither.
func (s *Service) UseEmergencyToken(ctx context.Context, token, email, password, clientAddress string) (string, error) {
	if err := s.CheckEmergencyToken(ctx, token, clientAddress); err != nil {
		return "", err
	}
	email = NormalizeEmail(email)
	if err := CheckEmail(email); err != nil {
		return "", err
	}
	if err := CheckPasswordRules(password); err != nil {
		return "", err
	}
	hash, err := s.hasher.Hash(ctx, password) // before the transaction, which should be short
	if err != nil {
		return "", err
	}

	var action string
	err = database.WriteTx(ctx, s.db, func(tx *sql.Tx) error {
		queries := s.queries.WithTx(tx)
		now := s.now()
		used, err := queries.UseEmergencyToken(ctx, models.UseEmergencyTokenParams{
			UsedAt: sql.NullTime{Time: now, Valid: true}, TokenHash: hashToken(token), Now: now,
		})
		if err != nil {
			return err
		}
		if used == 0 {
			return ErrInvalidToken
		}
		user, err := queries.GetUserByEmail(ctx, email)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			action = "created a superuser"
			_, err = queries.CreateUser(ctx, models.CreateUserParams{
				Email: email, PasswordHash: hash, IsStaff: true, IsSuperuser: true, Now: now,
			})
		case err == nil:
			action = "reset the password of an existing user"
			err = queries.SetPasswordHash(ctx, models.SetPasswordHashParams{PasswordHash: hash, Now: now, ID: user.ID})
			if err == nil {
				err = queries.SetUserActive(ctx, models.SetUserActiveParams{IsActive: true, Now: now, ID: user.ID})
			}
			if err == nil {
				err = SignOutEverywhere(ctx, queries, user.ID)
			}
		}
		return err
	})
	if err != nil {
		return "", err
	}
	return action, nil
}
