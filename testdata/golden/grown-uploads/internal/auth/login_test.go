// Tests for checking logins: passwords, email case, inactive users, throttling and hash
// upgrades, on a real database.

package auth

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
)

func TestAuthenticate(t *testing.T) {
	s, _ := newTestService(t)
	ctx := t.Context()
	createUser(t, s, "ada@example.com", "correct horse battery", RoleUser)
	inactive := createUser(t, s, "old@example.com", "correct horse battery", RoleUser)
	if err := s.SetActive(ctx, inactive.Email, false); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, email, password string
		wantErr               error
	}{
		{"right password", "ada@example.com", "correct horse battery", nil},
		{"email in another case, with spaces", "  Ada@Example.COM ", "correct horse battery", nil},
		{"wrong password", "ada@example.com", "wrong horse battery", ErrWrongCredentials},
		{"unknown email", "nobody@example.com", "correct horse battery", ErrWrongCredentials},
		{"inactive, right password", "old@example.com", "correct horse battery", ErrInactive},
		{"inactive, wrong password", "old@example.com", "wrong horse battery", ErrWrongCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			user, err := s.Authenticate(ctx, tt.email, tt.password, "192.0.2.1")
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == nil && (user.Email != "ada@example.com" || !user.LastLoginAt.Valid) {
				t.Errorf("got %+v, want ada@example.com with a last login time", user)
			}
		})
	}
}

func TestCreateUserRules(t *testing.T) {
	s, _ := newTestService(t)
	createUser(t, s, "Ada@Example.com", "correct horse battery", RoleStaff)
	tests := []struct {
		email, password string
		wantErr         error
	}{
		{"ADA@example.com", "correct horse battery", ErrEmailTaken}, // one account, whatever the case
		{"not an email", "correct horse battery", ErrInvalidEmail},
		{"Ada <ada2@example.com>", "correct horse battery", ErrInvalidEmail},
		{"bob@example.com", "short", ErrPasswordRules},
		{"bob@example.com", "password123", ErrPasswordRules},
	}
	for _, tt := range tests {
		if _, err := s.CreateUser(t.Context(), tt.email, tt.password, RoleUser); !errors.Is(err, tt.wantErr) {
			t.Errorf("CreateUser(%q, %q): error %v, want %v", tt.email, tt.password, err, tt.wantErr)
		}
	}
	user, err := s.UserByEmail(t.Context(), "ada@EXAMPLE.com")
	if err != nil || user.Email != "ada@example.com" || RoleOf(user) != RoleStaff {
		t.Errorf("UserByEmail: %+v, %v; want the staff user stored in lower case", user, err)
	}
}

// guess tries a login and reports whether it was let through to the password check (true)
// or refused by throttling (false).
func guess(t *testing.T, s *Service, email, password, client string) (checked bool, err error) {
	t.Helper()
	_, err = s.Authenticate(t.Context(), email, password, client)
	var throttled *ThrottledError
	if errors.As(err, &throttled) {
		return false, err
	}
	if err != nil && !errors.Is(err, ErrWrongCredentials) {
		t.Fatalf("login from %s: %v", client, err)
	}
	return true, err
}

func TestOneAddressOnOneAccountIsThrottled(t *testing.T) {
	s, clock := newTestService(t)
	createUser(t, s, "ada@example.com", "correct horse battery", RoleUser)
	for i := range MaxFailuresPerAccountAndClient {
		if checked, _ := guess(t, s, "ada@example.com", "wrong guess", "192.0.2.1"); !checked {
			t.Fatalf("failure %d was refused; the limit is %d", i+1, MaxFailuresPerAccountAndClient)
		}
		clock.Advance(time.Minute)
	}
	// Even the right password is refused from this address, until its first failure is old...
	_, err := s.Authenticate(t.Context(), "ada@example.com", "correct horse battery", "192.0.2.1")
	var throttled *ThrottledError
	if !errors.As(err, &throttled) {
		t.Fatalf("error %v, want a *ThrottledError", err)
	}
	if want := ThrottleWindow - MaxFailuresPerAccountAndClient*time.Minute; throttled.RetryAfter != want {
		t.Errorf("RetryAfter %s, want %s", throttled.RetryAfter, want)
	}
	// ...but not from another address: the account is not under attack, and nothing locks it.
	if _, err := s.Authenticate(t.Context(), "ada@example.com", "correct horse battery", "198.51.100.7"); err != nil {
		t.Errorf("the owner from another address: %v", err)
	}

	// The window slides: once the oldest failure is ThrottleWindow old, one more try is let
	// through, and it is refused again at once if that try fails too.
	clock.Advance(throttled.RetryAfter + time.Second)
	if checked, _ := guess(t, s, "ada@example.com", "wrong again", "192.0.2.1"); !checked {
		t.Fatal("after the oldest failure left the window: refused")
	}
	if checked, _ := guess(t, s, "ada@example.com", "correct horse battery", "192.0.2.1"); checked {
		t.Error("right after another failure: let through, want refused (4 failures in the window plus this one)")
	}
	clock.Advance(ThrottleWindow)
	if _, err := s.Authenticate(t.Context(), "ada@example.com", "correct horse battery", "192.0.2.1"); err != nil {
		t.Fatalf("after a whole window: %v", err)
	}
	// A success clears this address's failures on the account: the next mistakes start from zero.
	for range MaxFailuresPerAccountAndClient - 1 {
		guess(t, s, "ada@example.com", "wrong guess", "192.0.2.1")
	}
	if _, err := s.Authenticate(t.Context(), "ada@example.com", "correct horse battery", "192.0.2.1"); err != nil {
		t.Errorf("after fewer failures than the limit: %v", err)
	}
}

func TestOneAddressOnManyAccountsIsThrottled(t *testing.T) {
	s, _ := newTestService(t)
	createUser(t, s, "ada@example.com", "correct horse battery", RoleUser)
	for i := range MaxFailuresPerClient {
		// Each failure for another email: the limit is on the address.
		if checked, _ := guess(t, s, fmt.Sprintf("guess%d@example.com", i), "wrong guess", "203.0.113.9"); !checked {
			t.Fatalf("failure %d was refused; the limit is %d", i+1, MaxFailuresPerClient)
		}
	}
	if checked, _ := guess(t, s, "ada@example.com", "correct horse battery", "203.0.113.9"); checked {
		t.Error("from the busy address: let through, want refused")
	}
	if _, err := s.Authenticate(t.Context(), "ada@example.com", "correct horse battery", "203.0.113.10"); err != nil {
		t.Errorf("from another address: %v", err)
	}
}

// TestOwnerLogsInWhileTheAccountIsHammered: an attacker with many addresses guesses as fast as
// the throttling lets them; the owner still logs in, and the attacker's guesses stay bounded.
func TestOwnerLogsInWhileTheAccountIsHammered(t *testing.T) {
	s, clock := newTestService(t)
	createUser(t, s, "ada@example.com", "correct horse battery", RoleUser)
	const addresses, rounds = 30, 8
	attacker := func(i int) string { return fmt.Sprintf("10.0.%d.%d", i/250, i%250) }
	checked := 0
	for round := range rounds {
		for i := range addresses {
			if ok, _ := guess(t, s, "ada@example.com", fmt.Sprintf("guess %d-%d", round, i), attacker(i)); ok {
				checked++
			}
		}
		clock.Advance(time.Second)

		// The owner, from an address that has not been failing, gets in every round...
		if _, err := s.Authenticate(t.Context(), "ada@example.com", "correct horse battery", "198.51.100.1"); err != nil {
			t.Fatalf("round %d: the owner was refused: %v", round+1, err)
		}
		// ...and so does the owner after one typo, from another clean address.
		owner := fmt.Sprintf("198.51.100.%d", 10+round)
		guess(t, s, "ada@example.com", "correct horse batery", owner)
		if _, err := s.Authenticate(t.Context(), "ada@example.com", "correct horse battery", owner); err != nil {
			t.Fatalf("round %d: the owner after one typo was refused: %v", round+1, err)
		}
	}
	// Within one window each attacking address got MaxFailuresUnderAttack guesses (2 here),
	// not rounds of them: 60 of the 240 tries, where one address alone would get 5.
	if limit := addresses*MaxFailuresUnderAttack + AccountUnderAttack; checked > limit {
		t.Errorf("the attacker's passwords were checked %d times in one window, want at most %d", checked, limit)
	}
	if checked != addresses*MaxFailuresUnderAttack {
		t.Errorf("the attacker's passwords were checked %d times, want exactly %d (%d addresses × %d)", checked, addresses*MaxFailuresUnderAttack, addresses, MaxFailuresUnderAttack)
	}

	// The window slides: the attacker's failures grow old and each address may try again.
	clock.Advance(ThrottleWindow)
	if ok, _ := guess(t, s, "ada@example.com", "one more guess", attacker(0)); !ok {
		t.Error("a whole window later, the attacking address is still refused")
	}
}

func TestTriesSentAtOnceStayWithinTheLimits(t *testing.T) {
	// Many tries at the same moment must not all pass the check before any is counted.
	for _, tries := range []int{8, 32} {
		t.Run(fmt.Sprint(tries, " at once"), func(t *testing.T) {
			s, _ := newTestService(t)
			createUser(t, s, "ada@example.com", "correct horse battery", RoleUser)
			results := make(chan error, tries)
			var wg sync.WaitGroup
			for i := range tries {
				wg.Go(func() {
					_, err := s.Authenticate(t.Context(), "ada@example.com", fmt.Sprint("guess ", i), "192.0.2.1")
					results <- err
				})
			}
			wg.Wait()
			close(results)
			checked := 0
			for err := range results {
				var throttled *ThrottledError
				switch {
				case errors.Is(err, ErrWrongCredentials):
					checked++
				case !errors.As(err, &throttled):
					t.Errorf("error %v, want wrong credentials or throttled", err)
				}
			}
			if checked > MaxFailuresPerAccountAndClient || checked == 0 {
				t.Errorf("%d of %d tries were checked, want 1 to %d", checked, tries, MaxFailuresPerAccountAndClient)
			}
			// Refused tries are not counted: exactly the checked ones are failures now.
			var failures int
			if err := s.db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM login_failures").Scan(&failures); err != nil || failures != checked {
				t.Errorf("%d failures written down (%v), want %d", failures, err, checked)
			}
		})
	}
}

func TestAClassLogsInAtOnceFromOneAddress(t *testing.T) {
	// A class behind one address (a school's network) logs in at the same moment: tries in
	// progress are not failures, so nobody is refused.
	for _, people := range []int{8, 32} {
		t.Run(fmt.Sprint(people, " at once"), func(t *testing.T) {
			s, _ := newTestService(t)
			s.hasher = NewHasher(DefaultHashParams) // real hashes take time: the tries overlap
			for i := range people {
				createUser(t, s, fmt.Sprintf("student%d@example.com", i), "correct horse battery", RoleUser)
			}
			errs := make(chan error, people)
			var wg sync.WaitGroup
			for i := range people {
				wg.Go(func() {
					_, err := s.Authenticate(t.Context(), fmt.Sprintf("student%d@example.com", i), "correct horse battery", "192.0.2.1")
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("a student was refused: %v", err)
				}
			}
		})
	}
}

func TestPasswordHashIsUpgradedAtLogin(t *testing.T) {
	s, _ := newTestService(t)
	ctx := t.Context()
	old := createUser(t, s, "ada@example.com", "correct horse battery", RoleUser)

	stronger := fastHashParams
	stronger.Memory *= 2
	s.hasher = NewHasher(stronger) // as if DefaultHashParams had been raised since
	user, err := s.Authenticate(ctx, "ada@example.com", "correct horse battery", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if user.PasswordHash == old.PasswordHash {
		t.Fatal("the hash was not replaced")
	}
	stored, _ := s.UserByEmail(ctx, "ada@example.com")
	params, _, _, err := argon2id.DecodeHash(stored.PasswordHash)
	if err != nil || *params != stronger {
		t.Errorf("stored hash parameters %+v (%v), want %+v", params, err, stronger)
	}

	// Up to date now: the next login keeps the hash, and the password still works.
	again, err := s.Authenticate(ctx, "ada@example.com", "correct horse battery", "192.0.2.1")
	if err != nil || again.PasswordHash != stored.PasswordHash {
		t.Errorf("second login: error %v, hash changed: %v", err, again.PasswordHash != stored.PasswordHash)
	}
}

func TestCreateDevSuperuserOnlyWhenThereIsNone(t *testing.T) {
	s, _ := newTestService(t)
	ctx := t.Context()
	password, err := s.CreateDevSuperuser(ctx)
	if err != nil || len(password) < 20 {
		t.Fatalf("first call: password %q, error %v; want a long random password", password, err)
	}
	user, err := s.Authenticate(ctx, DevSuperuserEmail, password, "192.0.2.1")
	if err != nil || !user.IsSuperuser {
		t.Fatalf("logging in with it: %+v, %v", user, err)
	}
	if again, err := s.CreateDevSuperuser(ctx); again != "" || err != nil {
		t.Errorf("second call: password %q, error %v; want nothing, a superuser exists", again, err)
	}
}
