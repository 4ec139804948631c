// Tests for password rules and hashing: what is refused, what a hash holds, and that only a
// few hashes run at once.

package auth

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
)

func TestCheckPasswordRules(t *testing.T) {
	tests := []struct {
		password string
		wantErr  string // "" means accepted
	}{
		{"correct horse battery staple", ""},
		{"8chars!!", ""},
		{"7chars!", "at least 8"},
		{"", "at least 8"},
		{"éééééééé", ""}, // 8 characters, 16 bytes: characters are what count
		{strings.Repeat("x", MaxPasswordLength+1), "at most"},
		{"password1", "most common"},
		{"Password123", "most common"}, // case does not help
		{"12345678", "most common"},
		{"qwertyuiop", "most common"},
	}
	for _, tt := range tests {
		t.Run(tt.password, func(t *testing.T) {
			err := CheckPasswordRules(tt.password)
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrPasswordRules) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want ErrPasswordRules mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestHasherHashesWithArgon2idAndSpotsOldParameters(t *testing.T) {
	ctx := t.Context()
	h := NewHasher(fastHashParams)
	hash, err := h.Hash(ctx, "a long password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$") || strings.Contains(hash, "a long password") {
		t.Fatalf("hash %q is not an argon2id hash of the password", hash)
	}
	if again, _ := h.Hash(ctx, "a long password"); again == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}

	match, outdated, err := h.Check(ctx, "a long password", hash)
	if err != nil || !match || outdated {
		t.Errorf("right password: match %v, outdated %v, error %v; want a current match", match, outdated, err)
	}
	if match, _, _ := h.Check(ctx, "a wrong password", hash); match {
		t.Error("a wrong password matched")
	}

	stronger := fastHashParams
	stronger.Iterations++
	match, outdated, err = NewHasher(stronger).Check(ctx, "a long password", hash)
	if err != nil || !match || !outdated {
		t.Errorf("with new parameters: match %v, outdated %v, error %v; want an outdated match", match, outdated, err)
	}
}

func TestDefaultHashParamsAreStrong(t *testing.T) {
	// OWASP's minimum for argon2id: 19 MiB and two passes, or more memory with fewer passes.
	p := DefaultHashParams
	if p.Memory < 19*1024 || p.Memory*p.Iterations < 2*19*1024 || p.SaltLength < 16 || p.KeyLength < 32 {
		t.Errorf("DefaultHashParams %+v are weaker than OWASP's recommendation", p)
	}
}

func TestHasherRunsFewHashesAtOnce(t *testing.T) {
	h := NewHasher(fastHashParams)
	if want := max(1, runtime.GOMAXPROCS(0)-1); cap(h.slots) != want {
		t.Errorf("%d hashes may run at once, want %d (GOMAXPROCS - 1)", cap(h.slots), want)
	}

	// Take every slot: another hash must wait, and give up when its request is cancelled.
	for range cap(h.slots) {
		if err := h.acquire(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := h.Hash(ctx, "a long password"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Hash with every slot taken: error %v, want it to wait until the deadline", err)
	}
	h.release()
	if _, err := h.Hash(t.Context(), "a long password"); err != nil {
		t.Errorf("Hash after a slot was freed: %v", err)
	}
}

func TestCheckReportsABrokenHash(t *testing.T) {
	h := NewHasher(fastHashParams)
	if _, _, err := h.Check(t.Context(), "password", "not a hash"); !errors.Is(err, argon2id.ErrInvalidHash) {
		t.Errorf("error %v, want argon2id.ErrInvalidHash", err)
	}
}
