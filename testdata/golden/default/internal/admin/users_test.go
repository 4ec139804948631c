// Tests for the users model: a password set in the admin, or a deactivation, signs the user out
// everywhere (their browser sessions and their API refresh tokens), and other changes do not.

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
			if status, body := super.post(fmt.Sprintf("/admin/users/%d", user.ID), c.form); status != http.StatusSeeOther {
				t.Fatalf("save the user: status %d\n%s", status, body)
			}

			if got, want := liveRefreshTokens(t, s, user.ID), map[bool]int{true: 0, false: 1}[c.signedOut]; got != want {
				t.Errorf("%d refresh tokens still usable, want %d", got, want)
			}
			wantStatus := map[bool]int{true: http.StatusSeeOther, false: http.StatusOK}[c.signedOut] // 303: to the login page
			if status, _ := ada.get("/account"); status != wantStatus {
				t.Errorf("the user's browser: /account gave %d, want %d", status, wantStatus)
			}
			// Active again, the user is still signed out: the token was revoked, not merely refused.
			if err := s.accounts.SetActive(t.Context(), c.form.Get("email"), true); err != nil {
				t.Fatal(err)
			}
			wantStatus = map[bool]int{true: http.StatusUnauthorized, false: http.StatusOK}[c.signedOut]
			refresh := fmt.Sprintf(`{"refresh_token": %q}`, tokens.RefreshToken)
			status, body := ada.do(http.MethodPost, "/api/auth/refresh", strings.NewReader(refresh), http.Header{"Content-Type": {"application/json"}})
			if status != wantStatus {
				t.Errorf("refresh with the old token: status %d, want %d\n%s", status, wantStatus, body)
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
