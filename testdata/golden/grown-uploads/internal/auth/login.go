// Checking a login: the password, throttling after repeated failures, and upgrading old
// password hashes.
//
// Throttling keeps guessing slow without letting a stranger lock the owner out. Failed logins
// of the last ThrottleWindow (15 minutes) are counted three ways:
//   - per client address, on any account: 20 failures, then that address is refused (429)
//     until its oldest failure is 15 minutes old (many people can share an address: an office);
//   - per account and address: 5 failures, then that address is refused for that account;
//   - per account, from every address: with 10 failures or more the account is under attack,
//     and then an address that has failed on it twice is refused until either its own failures
//     or the account's fall below those numbers.
// The account's own count never refuses an address that has not been failing on it: the owner
// logging in from home gets in while someone hammers the account from elsewhere. An attacker
// with N addresses gets at most about 2*N guesses per window once the account is under attack
// (and 10 before). A correct login clears that address's failures for the account. Change the
// numbers below to throttle sooner or later; the app's README states them too.

package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"myapp/internal/models"
)

// The throttling limits (see the top of this file).
const (
	ThrottleWindow                 = 15 * time.Minute
	MaxFailuresPerClient           = 20 // from one address, on any accounts
	MaxFailuresPerAccountAndClient = 5  // on one account from one address
	AccountUnderAttack             = 10 // failures on one account from all addresses together...
	MaxFailuresUnderAttack         = 2  // ...then this many from one address is enough to refuse it
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
//
// Tries sent at once wait their turn for a hashing slot, held from counting the try to
// checking its password: each counts the failures of those checked before it. The try is
// also written down as a failure before it is counted, so that even the few tries checked at
// the same moment (one per slot) count each other: no more get through than the limits
// allow. A refused try, or a right password, is then forgotten; people logging in at once
// from one address (a classroom) are not refused, because only the slots' tries overlap.
func (s *Service) CheckPassword(ctx context.Context, email, password, clientAddress string) (models.User, error) {
	email = NormalizeEmail(email)
	release, err := s.hasher.Hold(ctx)
	if err != nil {
		return models.User{}, err
	}
	defer release()
	try, err := s.countTry(ctx, email, clientAddress)
	if err != nil {
		return models.User{}, err
	}

	user, err := s.queries.GetUserByEmail(ctx, email)
	if errors.Is(err, sql.ErrNoRows) {
		s.hasher.checkNothing(password)
		return models.User{}, s.loginFailed(clientAddress)
	}
	if err != nil {
		return models.User{}, err
	}
	match, outdated, err := s.hasher.check(password, user.PasswordHash)
	if err != nil {
		return models.User{}, err
	}
	if !match {
		return models.User{}, s.loginFailed(clientAddress)
	}
	// Only someone who knows the password learns that the account is deactivated.
	if !user.IsActive {
		return models.User{}, errors.Join(ErrInactive, s.queries.DeleteLoginFailure(ctx, try))
	}

	if outdated {
		// The password is at hand only now, at login: hash it again with today's parameters.
		if hash, err := s.hasher.hash(password); err == nil {
			err = s.queries.SetPasswordHash(ctx, models.SetPasswordHashParams{PasswordHash: hash, Now: s.now(), ID: user.ID})
			if err == nil {
				user.PasswordHash = hash
				s.logger.Info("upgraded a password hash to the current parameters", "user_id", user.ID)
			}
		}
	}
	if err := s.queries.ClearLoginFailures(ctx, models.ClearLoginFailuresParams{Email: email, ClientAddress: clientAddress}); err != nil {
		return models.User{}, err
	}
	return user, nil
}

// countTry writes a try on account from clientAddress down as failed, then checks the limits
// with it counted, and returns its id; when the limits refuse it, it forgets the try and
// returns a *ThrottledError. Forget a try that turns out right with DeleteLoginFailure.
func (s *Service) countTry(ctx context.Context, account, clientAddress string) (int64, error) {
	try, err := s.queries.RecordLoginFailure(ctx, models.RecordLoginFailureParams{
		Email: account, ClientAddress: clientAddress, FailedAt: s.now(),
	})
	if err != nil {
		return 0, err
	}
	if err := s.checkThrottle(ctx, account, clientAddress); err != nil {
		return 0, errors.Join(err, s.queries.DeleteLoginFailure(ctx, try))
	}
	return try, nil
}

// loginFailed logs a failed login (its try stays written down) and returns
// ErrWrongCredentials. It never says whether the email or the password was wrong: that would
// tell an attacker which emails have accounts.
func (s *Service) loginFailed(clientAddress string) error {
	// The email is left out of the log on purpose: people type passwords into the wrong box.
	s.logger.Info("login failed", "client", clientAddress)
	return ErrWrongCredentials
}

// checkThrottle returns a *ThrottledError when this address has failed too often, on any
// account or on this one, in the last ThrottleWindow (see the top of this file). The try being
// checked is already written down, so each count holds it too: hence the +1s and the >s.
func (s *Service) checkThrottle(ctx context.Context, email, clientAddress string) error {
	now := s.now()
	since := now.Add(-ThrottleWindow)
	byClient, err := s.queries.RecentFailuresForClient(ctx, models.RecentFailuresForClientParams{
		ClientAddress: clientAddress, Since: since, Max: MaxFailuresPerClient + 1,
	})
	if err != nil {
		return err
	}
	byBoth, err := s.queries.RecentFailuresForEmailAndClient(ctx, models.RecentFailuresForEmailAndClientParams{
		Email: email, ClientAddress: clientAddress, Since: since, Max: MaxFailuresPerAccountAndClient + 1,
	})
	if err != nil {
		return err
	}
	wait := max(waitFor(byClient, MaxFailuresPerClient, now), waitFor(byBoth, MaxFailuresPerAccountAndClient, now))
	if len(byBoth) > MaxFailuresUnderAttack {
		// This address has been failing on this account: is the account under attack?
		byEmail, err := s.queries.RecentFailuresForEmail(ctx, models.RecentFailuresForEmailParams{
			Email: email, Since: since, Max: AccountUnderAttack + 1,
		})
		if err != nil {
			return err
		}
		// Refused until its own failures, or the account's, fall below the numbers.
		wait = max(wait, min(waitFor(byBoth, MaxFailuresUnderAttack, now), waitFor(byEmail, AccountUnderAttack, now)))
	}
	if wait > 0 {
		s.logger.Warn("login throttled", "client", clientAddress, "retry_after", wait.Round(time.Second))
		return &ThrottledError{RetryAfter: wait}
	}
	return nil
}

// waitFor returns how long until fewer than limit failures besides this try (failures[0],
// the newest) are in the window: when the limit-th newest of them leaves it. Zero means the
// try may go on.
func waitFor(failures []time.Time, limit int, now time.Time) time.Duration {
	if len(failures) <= limit {
		return 0
	}
	return failures[limit].Add(ThrottleWindow).Sub(now)
}
