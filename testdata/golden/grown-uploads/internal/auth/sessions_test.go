// Tests of how sessions are kept: a page view reads the session without writing it, the idle
// timeout still ends it (moved by visits at most once a minute), and many logins and views
// at once all succeed. Login, logout and expiry through the pages are in pages_test.go.

package auth_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/testutil"
)

// sessionExpiry returns the expiry of the only session in the table.
func sessionExpiry(t *testing.T, s *site) time.Time {
	t.Helper()
	var expiry time.Time
	if err := s.db.QueryRowContext(t.Context(), "SELECT expiry FROM sessions").Scan(&expiry); err != nil {
		t.Fatal(err)
	}
	return expiry.UTC()
}

func TestViewsDoNotWriteTheSession(t *testing.T) {
	s := newSite(t, func(c *config.Config) { c.SessionIdleTimeout, c.SessionLifetime = time.Hour, 24*time.Hour })
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	b.Login("ada@example.com", "correct horse battery")
	loggedIn := sessionExpiry(t, s)
	if want := s.clock.Now().Add(time.Hour); !loggedIn.Equal(want) {
		t.Fatalf("after login the session expires at %v, want %v (an hour of idle time)", loggedIn, want)
	}

	for range 5 {
		s.clock.Advance(10 * time.Second)
		resp, _ := b.Get("/account")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Set-Cookie") != "" {
			t.Fatalf("a view: status %d, Set-Cookie %q; want 200 and no cookie", resp.StatusCode, resp.Header.Get("Set-Cookie"))
		}
	}
	if got := sessionExpiry(t, s); !got.Equal(loggedIn) {
		t.Errorf("views within a minute moved the expiry to %v: they wrote the session", got)
	}

	s.clock.Advance(time.Minute)
	b.Get("/account")
	if got, want := sessionExpiry(t, s), s.clock.Now().Add(time.Hour); !got.Equal(want) {
		t.Errorf("a view a minute later left the expiry at %v, want it moved to %v", got, want)
	}
}

func TestFlashMessageShowsOnce(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	b.Login("ada@example.com", "correct horse battery")
	form := url.Values{"current_password": {"correct horse battery"}, "new_password": {"a brand new secret"}, "new_password_again": {"a brand new secret"}}
	if resp, _ := b.PostForm("/account/password", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password: status %d, want 303", resp.StatusCode)
	}
	const message = "Your password was changed"
	if _, body := b.Get("/account"); !strings.Contains(body, message) {
		t.Error("the page after the change does not show its message")
	}
	s.clock.Advance(time.Second)
	if _, body := b.Get("/account"); strings.Contains(body, message) {
		t.Error("the message shows again on the next page: showing it must remove it from the session")
	}
}

func TestIdleTimeoutAndLifetime(t *testing.T) {
	const idle, lifetime = 30 * time.Minute, 3 * time.Hour
	const open, gone = http.StatusOK, http.StatusSeeOther // the page, or a redirect to the login form
	tests := []struct {
		name   string
		visits []time.Duration // the time since the visit before, for each visit
		want   []int           // the status of each visit
	}{
		{"visits keep it alive", []time.Duration{20 * time.Minute, 20 * time.Minute, 29 * time.Minute}, []int{open, open, open}},
		{"one idle pause ends it", []time.Duration{20 * time.Minute, 31 * time.Minute, time.Minute}, []int{open, gone, gone}},
		{"never past its lifetime", []time.Duration{25 * time.Minute, 25 * time.Minute, 25 * time.Minute, 25 * time.Minute, 25 * time.Minute, 25 * time.Minute, 25 * time.Minute, 25 * time.Minute}, []int{open, open, open, open, open, open, open, gone}},
		{"a visit just before the idle timeout", []time.Duration{idle - time.Minute, idle - time.Minute}, []int{open, open}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, func(c *config.Config) { c.SessionIdleTimeout, c.SessionLifetime = idle, lifetime })
			s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
			b := s.browser()
			b.Login("ada@example.com", "correct horse battery")
			var since time.Duration
			for i, pause := range tt.visits {
				s.clock.Advance(pause)
				since += pause
				resp, _ := b.Get("/account")
				if resp.StatusCode != tt.want[i] {
					t.Errorf("visit %d, %v after login: status %d, want %d", i+1, since, resp.StatusCode, tt.want[i])
				}
			}
		})
	}
}

func TestConcurrentLoginsAndViews(t *testing.T) {
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			s := newSite(t, func(c *config.Config) { c.SessionIdleTimeout = 10 * time.Minute })
			browsers := make([]*testutil.Client, writers)
			for i := range writers {
				s.createUser(fmt.Sprintf("user%d@example.com", i), "correct horse battery", auth.RoleUser)
				browsers[i] = s.browser()
			}
			// Everyone logs in at once (the login's bookkeeping and a new session each), then
			// views a page at once, each view moving its session's expiry.
			testutil.Concurrently(t, writers, 1, func(i, _ int) error {
				return tryLogin(browsers[i], fmt.Sprintf("user%d@example.com", i))
			})
			s.clock.Advance(2 * time.Minute)
			testutil.Concurrently(t, writers, 1, func(i, _ int) error {
				return tryGet(browsers[i], "/account", http.StatusOK)
			})
			var sessions, recorded int
			if err := s.db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM sessions WHERE expiry > $1", s.clock.Now().Add(9*time.Minute)).Scan(&sessions); err != nil {
				t.Fatal(err)
			}
			if err := s.db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM users WHERE last_login_at IS NOT NULL").Scan(&recorded); err != nil {
				t.Fatal(err)
			}
			if sessions != writers || recorded != writers {
				t.Errorf("%d sessions extended and %d logins recorded, want %d of each", sessions, recorded, writers)
			}
		})
	}
}

// tryLogin logs in from a goroutine: it returns an error where Login would stop the test.
func tryLogin(b *testutil.Client, email string) error {
	form := url.Values{"email": {email}, "password": {"correct horse battery"}}
	resp, _, err := b.TryPostForm("/login", form)
	if err != nil {
		return fmt.Errorf("login as %s: %w", email, err)
	}
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("login as %s: status %d, want 303", email, resp.StatusCode)
	}
	return nil
}

// tryGet asks for path from a goroutine: it returns an error where Get would stop the test.
func tryGet(b *testutil.Client, path string, want int) error {
	resp, _, err := b.Try(http.MethodGet, path, "", nil, nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("GET %s: status %d, want %d", path, resp.StatusCode, want)
	}
	return nil
}
