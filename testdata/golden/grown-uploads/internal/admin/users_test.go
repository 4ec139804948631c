// Tests for the users table: a password set in the admin, or a deactivation, signs the user out
// everywhere (their browser sessions and their API tokens, for good), and other changes do not.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/auth"
)

func TestNewPasswordOrDeactivationSignsTheUserOut(t *testing.T) {
	cases := []struct {
		name      string
		form      url.Values
		signedOut bool
	}{
		{"new password", url.Values{"email": {"ada@example.com"}, "is_active": {"on"}, "password_hash": {"a brand new password"}}, true},
		{"deactivated", url.Values{"email": {"ada@example.com"}}, true}, // an unticked box sends nothing
		{"new email", url.Values{"email": {"ada.l@example.com"}, "is_active": {"on"}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSite(t)
			super := s.user("super@example.com", auth.RoleSuperuser)
			ada := s.user("ada@example.com", auth.RoleUser)
			user, err := s.accounts.UserByEmail(t.Context(), "ada@example.com")
			if err != nil {
				t.Fatal(err)
			}
			tokens, err := s.accounts.IssueTokens(t.Context(), user)
			if err != nil {
				t.Fatal(err)
			}
			if resp, body := super.PostForm(fmt.Sprintf("/admin/users/%d", user.ID), c.form); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("save the user: status %d\n%s", resp.StatusCode, body)
			}

			if got, want := liveRefreshTokens(t, s, user.ID), map[bool]int{true: 0, false: 1}[c.signedOut]; got != want {
				t.Errorf("%d refresh tokens still usable, want %d", got, want)
			}
			wantStatus := map[bool]int{true: http.StatusSeeOther, false: http.StatusOK}[c.signedOut] // 303: to the login page
			if resp, _ := ada.Get("/account"); resp.StatusCode != wantStatus {
				t.Errorf("the user's browser: /account gave %d, want %d", resp.StatusCode, wantStatus)
			}
			// Active again, the user is still signed out: the token was revoked, not merely refused.
			if err := s.accounts.SetActive(t.Context(), c.form.Get("email"), true); err != nil {
				t.Fatal(err)
			}
			wantStatus = map[bool]int{true: http.StatusUnauthorized, false: http.StatusOK}[c.signedOut]
			resp, body := ada.Do(http.MethodGet, "/api/me", "", nil, http.Header{"Authorization": {"Bearer " + tokens.AccessToken}})
			if resp.StatusCode != wantStatus {
				t.Errorf("the access token after the change and a reactivation: status %d, want %d\n%s", resp.StatusCode, wantStatus, body)
			}
			refresh := fmt.Sprintf(`{"refresh_token": %q}`, tokens.RefreshToken)
			resp, body = ada.Do(http.MethodPost, "/api/auth/refresh", "application/json", strings.NewReader(refresh), nil)
			if resp.StatusCode != wantStatus {
				t.Errorf("refresh with the old token: status %d, want %d\n%s", resp.StatusCode, wantStatus, body)
			}
		})
	}
}

// liveRefreshTokens counts the user's refresh tokens that are not revoked.
func liveRefreshTokens(t *testing.T, s *site, userID int64) int {
	t.Helper()
	var count int
	query := "SELECT COUNT(*) FROM refresh_tokens WHERE revoked_at IS NULL AND user_id = " + fmt.Sprint(userID)
	if err := s.db.QueryRowContext(t.Context(), query).Scan(&count); err != nil {
		t.Fatal(err)
	}
	return count
}

// badEmails are emails the createsuperuser command refuses, so the admin's form must too.
var badEmails = map[string]string{
	"no at sign":            "ada.example.com",
	"nothing before the @":  "@example.com",
	"nothing after the @":   "ada@",
	"two at signs":          "ada@@example.com",
	"a name and an address": "Ada Lovelace <ada@example.com>",
	"two addresses":         "ada@example.com, bob@example.com",
	"a space inside":        "ada lovelace@example.com",
	"a line break inside":   "ada@example.com\r\nBcc: eve@example.com",
	"a tab inside":          "ada@exa\tmple.com",
	"angle brackets":        "<ada@example.com>",
	"a comment":             "ada@example.com (Ada)",
	"a group":               "friends: ada@example.com;",
	"a script":              "<script>alert(1)</script>@example.com",
	"a trailing dot":        "ada@example.com.",
	"a dot before the @":    "ada.@example.com",
	"255 characters":        strings.Repeat("a", 243) + "@example.com",
	"just an @":             "@",
	"an unclosed quote":     `"ada@example.com`,
}

func TestUserFormRefusesBadEmails(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	s.user("ada@example.com", auth.RoleUser)
	ada, err := s.accounts.UserByEmail(t.Context(), "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	for name, email := range badEmails {
		t.Run(name, func(t *testing.T) {
			before := s.rows("SELECT id, email FROM users ORDER BY id")
			for _, path := range []string{"/admin/users/new", fmt.Sprintf("/admin/users/%d", ada.ID)} {
				resp, body := super.PostForm(path, url.Values{"email": {email}, "is_active": {"on"}})
				if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "not an email address, such as ada@example.com") {
					t.Errorf("POST %s with %q: status %d, want 422 saying what an email looks like", path, email, resp.StatusCode)
				}
			}
			if after := s.rows("SELECT id, email FROM users ORDER BY id"); after != before {
				t.Errorf("the users changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	// Good emails are saved, lower-cased as the commands save them.
	for _, email := range []string{"Grace.Hopper@Example.com", "o'neil+admin@sub.example.org", "x@localhost"} {
		if resp, body := super.PostForm("/admin/users/new", url.Values{"email": {email}, "is_active": {"on"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("add %q: status %d, want 303\n%s", email, resp.StatusCode, body)
		}
		if _, err := s.accounts.UserByEmail(t.Context(), email); err != nil {
			t.Errorf("%q was not saved: %v", email, err)
		}
	}
}
