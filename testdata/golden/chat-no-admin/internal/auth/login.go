// Checking a login: the password, throttling after repeated failures, and upgrading old
// password hashes. Change the limits below to throttle sooner or later.

package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"myapp/internal/models"
)

// Throttling: after this many failed logins within ThrottleWindow, for one account or from
// one client address, further tries are refused until the oldest failure is that old. The
// limit per address is higher because many people can share one (an office, a school).
const (
	ThrottleWindow        = 15 * time.Minute
	MaxFailuresPerAccount = 5
	MaxFailuresPerClient  = 20
)

// ThrottledError is returned when there were too many failed logins; RetryAfter says when
// the next try will be accepted.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed logins: try again in %s", e.RetryAfter.Round(time.Second))
}

// Authenticate logs a user in: it checks the email and password (see CheckPassword) and
// records the time of the login.
func (s *Service) Authenticate(ctx context.Context, email, password, clientAddress string) (models.User, error) {
	user, err := s.CheckPassword(ctx, email, password, clientAddress)
	if err != nil {
		return models.User{}, err
	}
	now := s.now()
	if err := s.queries.RecordLogin(ctx, models.RecordLoginParams{LastLoginAt: sql.NullTime{Time: now, Valid: true}, ID: user.ID}); err != nil {
		return models.User{}, err
	}
	user.LastLoginAt = sql.NullTime{Time: now, Valid: true}
	return user, nil
}

// CheckPassword returns the active user with this email and password. clientAddress is where
// the request came from, for throttling. It returns ErrWrongCredentials, ErrInactive or a
// *ThrottledError when it refuses.
func (s *Service) CheckPassword(ctx context.Context, email, password, clientAddress string) (models.User, error) {
	email = NormalizeEmail(email)
	if err := s.checkThrottle(ctx, email, clientAddress); err != nil {
		return models.User{}, err
	}

	user, err := s.queries.GetUserByEmail(ctx, email)
	if errors.Is(err, sql.ErrNoRows) {
		s.hasher.CheckNothing(ctx, password)
		return models.User{}, s.recordFailure(ctx, email, clientAddress)
	}
	if err != nil {
		return models.User{}, err
	}
	match, outdated, err := s.hasher.Check(ctx, password, user.PasswordHash)
	if err != nil {
		return models.User{}, err
	}
	if !match {
		return models.User{}, s.recordFailure(ctx, email, clientAddress)
	}
	// Only someone who knows the password learns that the account is deactivated.
	if !user.IsActive {
		return models.User{}, ErrInactive
	}

	if outdated {
		// The password is at hand only now, at login: hash it again with today's parameters.
		if hash, err := s.hasher.Hash(ctx, password); err == nil {
			err = s.queries.SetPasswordHash(ctx, models.SetPasswordHashParams{PasswordHash: hash, Now: s.now(), ID: user.ID})
			if err == nil {
				user.PasswordHash = hash
				s.logger.Info("upgraded a password hash to the current parameters", "user_id", user.ID)
			}
		}
	}
	if err := s.queries.ClearLoginFailures(ctx, email); err != nil {
		return models.User{}, err
	}
	return user, nil
}

// recordFailure notes a failed login and returns ErrWrongCredentials. It never says whether
// the email or the password was wrong: that would tell an attacker which emails have accounts.
func (s *Service) recordFailure(ctx context.Context, email, clientAddress string) error {
	err := s.queries.RecordLoginFailure(ctx, models.RecordLoginFailureParams{
		Email: email, ClientAddress: clientAddress, FailedAt: s.now(),
	})
	if err != nil {
		return err
	}
	// The email is left out of the log on purpose: people type passwords into the wrong box.
	s.logger.Info("login failed", "client", clientAddress)
	return ErrWrongCredentials
}

// checkThrottle returns a *ThrottledError when the account or the client address has failed
// too often in the last ThrottleWindow.
func (s *Service) checkThrottle(ctx context.Context, email, clientAddress string) error {
	now := s.now()
	since := now.Add(-ThrottleWindow)
	byEmail, err := s.queries.RecentFailuresForEmail(ctx, models.RecentFailuresForEmailParams{Email: email, Since: since})
	if err != nil {
		return err
	}
	byClient, err := s.queries.RecentFailuresForClient(ctx, models.RecentFailuresForClientParams{ClientAddress: clientAddress, Since: since})
	if err != nil {
		return err
	}
	wait := max(waitFor(byEmail, MaxFailuresPerAccount, now), waitFor(byClient, MaxFailuresPerClient, now))
	if wait > 0 {
		s.logger.Warn("login throttled", "client", clientAddress, "retry_after", wait.Round(time.Second))
		return &ThrottledError{RetryAfter: wait}
	}
	return nil
}

// waitFor returns how long until fewer than limit of failures (newest first) are in the
// window: when the limit-th newest one leaves it. Zero means a login may be tried now.
func waitFor(failures []time.Time, limit int, now time.Time) time.Duration {
	if len(failures) < limit {
		return 0
	}
	return failures[limit-1].Add(ThrottleWindow).Sub(now)
}
