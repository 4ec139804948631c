// What the tests of package auth_test may reach inside auth. Those tests (the HTTP ones, which
// go through the whole app with server.New) are outside the package, so they see only exported
// names; Go compiles this file, in package auth, for the tests alone, so the app never has them.

package auth

import "testing"

// The names below stand for the unexported ones of the same meaning.
const TokenIssuer = tokenIssuer

var (
	ForTests              = forTests
	EnableEmergencyAccess = enableEmergencyAccess
	MustCreateUser        = createUser
)

// AccessKey is the key that signs access tokens, for a test that forges one.
func AccessKey(s *Service) []byte { return s.accessKey() }

// SetHasher makes s hash passwords with h from now on.
func SetHasher(s *Service, h *Hasher) { s.hasher = h }

// FastHasher returns the Hasher that ForTests gives a Service.
func FastHasher() *Hasher { return NewHasher(fastHashParams) }

// BusyHasher returns a Hasher that never has a free slot: any hash waits until its request
// gives up, so a test can check that a path hashes nothing.
func BusyHasher() *Hasher { return &Hasher{params: fastHashParams, slots: make(chan struct{})} }

// AnonymousSession creates a session for nobody, as any visitor could, and returns its id.
func AnonymousSession(t *testing.T, s *Service) string {
	t.Helper()
	sessions := NewSessions(s)
	ctx, err := sessions.Load(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	sessions.Put(ctx, "visited", true)
	token, _, err := sessions.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// SessionExists reports whether the session with this id is still kept.
func SessionExists(t *testing.T, s *Service, id string) bool {
	t.Helper()
	_, found, err := NewSessions(s).Store.Find(hashToken(id))
	if err != nil {
		t.Fatal(err)
	}
	return found
}
