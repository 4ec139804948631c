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

// EmergencyTokenUsable reports whether token exists, is unused and has not expired. It
// changes nothing, so showing the form (a GET) uses nothing up.
func (s *Service) EmergencyTokenUsable(ctx context.Context, token string) (bool, error) {
	_, err := s.queries.FindEmergencyToken(ctx, models.FindEmergencyTokenParams{TokenHash: hashToken(token), Now: s.now()})
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// UseEmergencyToken uses up token and then sets the password of the account with this
// email, activating it, or creates it as a superuser if there is none. It returns what it
// did, for the log. Both happen in one transaction: either the token is used and the
// account changed, or neither.
func (s *Service) UseEmergencyToken(ctx context.Context, token, email, password string) (string, error) {
	email = NormalizeEmail(email)
	if err := checkEmail(email); err != nil {
		return "", err
	}
	if err := CheckPasswordRules(password); err != nil {
		return "", err
	}
	hash, err := s.hasher.Hash(ctx, password) // before the transaction, which should be short
	if err != nil {
		return "", err
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback() // does nothing after Commit
	queries := s.queries.WithTx(tx)
	now := s.now()
	used, err := queries.UseEmergencyToken(ctx, models.UseEmergencyTokenParams{
		UsedAt: sql.NullTime{Time: now, Valid: true}, TokenHash: hashToken(token), Now: now,
	})
	if err != nil {
		return "", err
	}
	if used == 0 {
		return "", ErrInvalidToken
	}

	var action string
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
			err = queries.RevokeUserRefreshTokens(ctx, models.RevokeUserRefreshTokensParams{
				RevokedAt: sql.NullTime{Time: now, Valid: true}, UserID: user.ID,
			})
		}
	}
	if err != nil {
		return "", err
	}
	return action, tx.Commit()
}
