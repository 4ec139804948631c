// Tests for checking logins: passwords, email case, inactive users, throttling and hash
// upgrades, on a real database.

package auth

import (
	"errors"
	"fmt"
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

func TestThrottlingPerAccount(t *testing.T) {
	s, clock := newTestService(t)
	ctx := t.Context()
	createUser(t, s, "ada@example.com", "correct horse battery", RoleUser)
	for i := range MaxFailuresPerAccount {
		// Each failure from another address: the limit is on the account.
		_, err := s.Authenticate(ctx, "ada@example.com", "wrong guess", fmt.Sprintf("192.0.2.%d", i))
		if !errors.Is(err, ErrWrongCredentials) {
			t.Fatalf("failure %d: error %v, want ErrWrongCredentials", i+1, err)
		}
		clock.Advance(time.Minute)
	}

	// Even the right password is refused now, until the first failure is ThrottleWindow old.
	_, err := s.Authenticate(ctx, "ada@example.com", "correct horse battery", "198.51.100.1")
	var throttled *ThrottledError
	if !errors.As(err, &throttled) {
		t.Fatalf("error %v, want a *ThrottledError", err)
	}
	if want := ThrottleWindow - MaxFailuresPerAccount*time.Minute; throttled.RetryAfter != want {
		t.Errorf("RetryAfter %s, want %s", throttled.RetryAfter, want)
	}

	clock.Advance(throttled.RetryAfter + time.Second)
	if _, err := s.Authenticate(ctx, "ada@example.com", "correct horse battery", "198.51.100.1"); err != nil {
		t.Fatalf("after waiting: %v", err)
	}
	// A success clears the account's failures: the next mistakes start from zero.
	for range MaxFailuresPerAccount - 1 {
		s.Authenticate(ctx, "ada@example.com", "wrong guess", "198.51.100.1")
	}
	if _, err := s.Authenticate(ctx, "ada@example.com", "correct horse battery", "198.51.100.1"); err != nil {
		t.Errorf("after fewer failures than the limit: %v", err)
	}
}

func TestThrottlingPerClientAddress(t *testing.T) {
	s, _ := newTestService(t)
	ctx := t.Context()
	createUser(t, s, "ada@example.com", "correct horse battery", RoleUser)
	for i := range MaxFailuresPerClient {
		// Each failure for another email: the limit is on the address.
		s.Authenticate(ctx, fmt.Sprintf("guess%d@example.com", i), "wrong guess", "203.0.113.9")
	}
	var throttled *ThrottledError
	if _, err := s.Authenticate(ctx, "ada@example.com", "correct horse battery", "203.0.113.9"); !errors.As(err, &throttled) {
		t.Errorf("from the busy address: error %v, want a *ThrottledError", err)
	}
	if _, err := s.Authenticate(ctx, "ada@example.com", "correct horse battery", "203.0.113.10"); err != nil {
		t.Errorf("from another address: %v", err)
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
