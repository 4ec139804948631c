// Password hashing with argon2id, and the rules a new password must follow. To make hashes
// stronger, raise DefaultHashParams: each user's hash is upgraded at their next login.

package auth

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
)

// DefaultHashParams are OWASP's recommended argon2id settings: 19 MiB of memory, two passes.
// Parallelism 1 keeps each hash on one CPU core, so the Hasher's limit on concurrent hashes
// is also a limit on the cores they use.
var DefaultHashParams = argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// Password length limits, in characters. There are no rules about digits or symbols: length
// matters more, and such rules make people pick worse passwords.
const (
	MinPasswordLength = 8
	MaxPasswordLength = 128
)

// Hasher hashes and checks passwords. A hash takes tens of milliseconds of CPU on purpose
// (it makes guessing slow), so Hasher lets only a few run at once: a burst of logins then
// waits its turn instead of slowing down every other request.
type Hasher struct {
	params argon2id.Params
	slots  chan struct{} // one value per hash in progress

	dummyOnce sync.Once
	dummy     string // a hash to check against when the email is unknown
}

// NewHasher returns a Hasher that makes hashes with params and runs at most GOMAXPROCS-1
// of them at a time (at least one), leaving a CPU core for the rest of the app.
func NewHasher(params argon2id.Params) *Hasher {
	return &Hasher{params: params, slots: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))}
}

// Hash returns the argon2id hash of password, which includes its salt and parameters.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	return h.hash(password)
}

func (h *Hasher) hash(password string) (string, error) {
	return argon2id.CreateHash(password, &h.params)
}

// Check reports whether password matches hash, and whether the hash was made with older
// parameters than the current ones and should be replaced by a new Hash of the password.
func (h *Hasher) Check(ctx context.Context, password, hash string) (match, outdated bool, err error) {
	if err := h.acquire(ctx); err != nil {
		return false, false, err
	}
	defer h.release()
	return h.check(password, hash)
}

func (h *Hasher) check(password, hash string) (match, outdated bool, err error) {
	match, params, err := argon2id.CheckHash(password, hash)
	if err != nil {
		return false, false, fmt.Errorf("check a password hash: %w", err)
	}
	outdated = params.Memory != h.params.Memory || params.Iterations != h.params.Iterations ||
		params.Parallelism != h.params.Parallelism || params.KeyLength != h.params.KeyLength ||
		params.SaltLength != h.params.SaltLength
	return match, outdated, nil
}

// CheckNothing spends the same time as a real Check. Login calls it for an unknown email,
// so the answer's timing does not tell an attacker which emails have accounts.
func (h *Hasher) CheckNothing(ctx context.Context, password string) {
	if h.acquire(ctx) == nil {
		defer h.release()
		h.checkNothing(password)
	}
}

func (h *Hasher) checkNothing(password string) {
	h.dummyOnce.Do(func() {
		h.dummy, _ = argon2id.CreateHash("no account has this password", &h.params)
	})
	h.check(password, h.dummy)
}

// Hold waits for a free slot and keeps it until release is called; meanwhile use the
// unexported hash, check and checkNothing, which do not take another. Logins hold one from
// counting a try to checking its password (see CheckPassword), so tries wait their turn.
func (h *Hasher) Hold(ctx context.Context) (release func(), err error) {
	if err := h.acquire(ctx); err != nil {
		return nil, err
	}
	return h.release, nil
}

// acquire waits for a free slot, or until the request is cancelled (the client went away).
func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// ErrPasswordRules is returned (wrapped, with the reason) for a password that breaks a rule.
var ErrPasswordRules = errors.New("password not accepted")

// CheckPasswordRules returns an error that explains what is wrong with a new password, or nil.
func CheckPasswordRules(password string) error {
	length := utf8.RuneCountInString(password)
	switch {
	case length < MinPasswordLength:
		return fmt.Errorf("%w: use at least %d characters", ErrPasswordRules, MinPasswordLength)
	case length > MaxPasswordLength:
		return fmt.Errorf("%w: use at most %d characters", ErrPasswordRules, MaxPasswordLength)
	case isCommonPassword(password):
		return fmt.Errorf("%w: it is one of the most common passwords, which attackers try first", ErrPasswordRules)
	}
	return nil
}
