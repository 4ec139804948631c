// Tests that a new password or a deactivation ends every login session and API token of the
// user at once, by every path that does either, and that reactivating the user brings none back.

package auth_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

// signedIn is one user logged in three ways: a browser session, an access token and a
// refresh token.
type signedIn struct {
	browser         *testutil.Client
	access, refresh string
}

func signIn(t *testing.T, b *testutil.Client, email, password string) signedIn {
	t.Helper()
	b.Login(email, password)
	tokens := getTokens(t, b, email, password)
	return signedIn{browser: b, access: tokens["access_token"].(string), refresh: tokens["refresh_token"].(string)}
}

// alive reports which of the three still work.
func (in signedIn) alive(t *testing.T) (session, access, refresh bool) {
	t.Helper()
	resp, _ := in.browser.Get("/account")
	session = resp.StatusCode == http.StatusOK
	resp, _ = in.browser.GetJSON("/api/me", bearer(in.access))
	access = resp.StatusCode == http.StatusOK
	resp, _ = in.browser.PostJSON("/api/auth/refresh", map[string]string{"refresh_token": in.refresh}, nil)
	refresh = resp.StatusCode == http.StatusOK
	return session, access, refresh
}

func TestNewPasswordOrDeactivationEndsEverySessionAndToken(t *testing.T) {
	const email, password, newPassword = "ada@example.com", "correct horse battery", "a brand new secret"
	paths := []struct {
		name string
		// do makes the change; other is a second browser of the same user, which may use it.
		do func(t *testing.T, s *site, other *testutil.Client)
	}{
		{"account page", func(t *testing.T, s *site, other *testutil.Client) {
			other.Login(email, password)
			form := url.Values{"current_password": {password}, "new_password": {newPassword}, "new_password_again": {newPassword}}
			if resp, body := other.PostForm("/account/password", form); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("change the password: status %d\n%s", resp.StatusCode, body)
			}
		}},
		{"changepassword command (SetPassword)", func(t *testing.T, s *site, _ *testutil.Client) {
			user, _ := s.accounts.UserByEmail(t.Context(), email)
			if err := s.accounts.SetPassword(t.Context(), user.ID, newPassword); err != nil {
				t.Fatal(err)
			}
		}},
		{"users deactivate command (SetActive)", func(t *testing.T, s *site, _ *testutil.Client) {
			if err := s.accounts.SetActive(t.Context(), email, false); err != nil {
				t.Fatal(err)
			}
		}},
		{"emergency access link", func(t *testing.T, s *site, other *testutil.Client) {
			token, err := s.accounts.CreateEmergencyToken(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			form := url.Values{"token": {token}, "email": {email}, "password": {newPassword}}
			if resp, body := other.PostForm("/emergency-access", form); resp.StatusCode != http.StatusOK {
				t.Fatalf("use the emergency link: status %d\n%s", resp.StatusCode, body)
			}
		}},
	}
	for _, path := range paths {
		t.Run(path.name, func(t *testing.T) {
			s := newSite(t, auth.EnableEmergencyAccess)
			s.createUser(email, password, auth.RoleStaff)
			in := signIn(t, s.browser(), email, password)
			if session, access, refresh := in.alive(t); !session || !access {
				t.Fatalf("before: session %v, access token %v, refresh %v; want all working", session, access, refresh)
			}
			in = signIn(t, in.browser, email, password) // the check above used the refresh token up

			path.do(t, s, s.browser())
			assertSignedOut(t, in, "after the change")

			// Activating the user again (the deactivation case) brings nothing back.
			if err := s.accounts.SetActive(t.Context(), email, true); err != nil {
				t.Fatal(err)
			}
			assertSignedOut(t, in, "after reactivation")
		})
	}
}

func assertSignedOut(t *testing.T, in signedIn, when string) {
	t.Helper()
	if session, access, refresh := in.alive(t); session || access || refresh {
		t.Errorf("%s: session works %v, access token works %v, refresh token works %v; want none", when, session, access, refresh)
	}
}

func TestPasswordHashUpgradeKeepsOtherSessions(t *testing.T) {
	// Upgrading a hash at login is the same password: nobody is signed out.
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	in := signIn(t, s.browser(), "ada@example.com", "correct horse battery")
	auth.SetHasher(s.accounts, auth.NewHasher(auth.DefaultHashParams)) // stronger parameters: the next login upgrades the hash
	s.browser().Login("ada@example.com", "correct horse battery")
	if session, access, _ := in.alive(t); !session || !access {
		t.Errorf("after a hash upgrade: session %v, access token %v; want both still working", session, access)
	}
}

func TestSignOutsAtOnceAllCount(t *testing.T) {
	// Password changes and deactivations sent at once each end the sessions: none is lost.
	for _, writers := range []int{8, 32} {
		t.Run(fmt.Sprint(writers, " at once"), func(t *testing.T) {
			s := newSite(t)
			user := s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
			errs := make(chan error, writers)
			var wg sync.WaitGroup
			for i := range writers {
				wg.Go(func() {
					if i%2 == 0 {
						errs <- s.accounts.SetPassword(t.Context(), user.ID, fmt.Sprint("new password number ", i))
					} else {
						errs <- s.accounts.SetActive(t.Context(), user.Email, false)
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("a writer failed: %v", err)
				}
			}
			after, err := s.accounts.UserByEmail(t.Context(), user.Email)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := after.AuthVersion, user.AuthVersion+int64(writers); got != want {
				t.Errorf("auth_version %d, want %d: a sign-out was lost", got, want)
			}
		})
	}
}
