// Tests for emergency access: off by default, one use per link, links expire, and every use
// is logged without the token or the password.

package auth_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

func TestEmergencyAccessIsOffByDefault(t *testing.T) {
	s := newSite(t)
	if _, err := s.accounts.CreateEmergencyToken(t.Context()); !errors.Is(err, auth.ErrEmergencyAccessOff) {
		t.Errorf("error %v, want ErrEmergencyAccessOff", err)
	}
	if resp, _ := s.browser().Get("/emergency-access?token=x"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /emergency-access: status %d, want 404 while it is off", resp.StatusCode)
	}
}

func TestEmergencyLinkCreatesASuperuserOnce(t *testing.T) {
	var logs testutil.LogBuffer
	s := newSiteWithLogger(t, slog.New(slog.NewTextHandler(&logs, nil)), auth.EnableEmergencyAccess)
	token, err := s.accounts.CreateEmergencyToken(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	for range 2 { // showing the form uses nothing up
		if resp, body := b.Get("/emergency-access?token=" + token); resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="emergency-form"`) {
			t.Fatalf("GET with the token: status %d, want the form", resp.StatusCode)
		}
	}

	form := url.Values{"token": {token}, "email": {"rescue@example.com"}, "password": {"a brand new secret"}}
	resp, body := b.PostForm("/emergency-access", form)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "created a superuser") {
		t.Fatalf("POST: status %d, want the superuser created\n%s", resp.StatusCode, body)
	}
	user, err := s.accounts.Authenticate(t.Context(), "rescue@example.com", "a brand new secret", "192.0.2.1")
	if err != nil || !user.IsSuperuser {
		t.Errorf("the new account: %+v, %v; want a superuser who can log in", user, err)
	}

	form.Set("email", "second@example.com")
	if resp, _ := b.PostForm("/emergency-access", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("using the link twice: status %d, want 403", resp.StatusCode)
	}
	if resp, _ := b.Get("/emergency-access?token=" + token); resp.StatusCode != http.StatusForbidden {
		t.Errorf("opening a used link: status %d, want 403", resp.StatusCode)
	}

	log := logs.String()
	if !strings.Contains(log, "emergency access used") || !strings.Contains(log, "emergency access refused") {
		t.Errorf("the use and the refusal are not both logged:\n%s", log)
	}
	if strings.Contains(log, token) || strings.Contains(log, "a brand new secret") {
		t.Errorf("the log holds the token or the password:\n%s", log)
	}
}

func TestEmergencyLinkResetsAPassword(t *testing.T) {
	s := newSite(t, auth.EnableEmergencyAccess)
	s.createUser("ada@example.com", "forgotten password", auth.RoleStaff)
	s.accounts.SetActive(t.Context(), "ada@example.com", false)
	token, _ := s.accounts.CreateEmergencyToken(t.Context())
	b := s.browser()

	// A password that breaks the rules is refused without using up the link.
	form := url.Values{"token": {token}, "email": {"Ada@example.com"}, "password": {"short"}}
	if resp, _ := b.PostForm("/emergency-access", form); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("short password: status %d, want 422", resp.StatusCode)
	}
	form.Set("password", "a brand new secret")
	if resp, body := b.PostForm("/emergency-access", form); resp.StatusCode != http.StatusOK || !strings.Contains(body, "reset the password") {
		t.Fatalf("status %d, want the password reset\n%s", resp.StatusCode, body)
	}
	user, err := s.accounts.Authenticate(t.Context(), "ada@example.com", "a brand new secret", "192.0.2.1")
	if err != nil || auth.RoleOf(user) != auth.RoleStaff {
		t.Errorf("after the reset: %+v, %v; want the same staff user, active, with the new password", user, err)
	}
}

func TestEmergencyLinkExpires(t *testing.T) {
	s := newSite(t, auth.EnableEmergencyAccess)
	token, _ := s.accounts.CreateEmergencyToken(t.Context())
	s.clock.Advance(auth.EmergencyLinkTTL + time.Second)
	b := s.browser()
	if resp, _ := b.Get("/emergency-access?token=" + token); resp.StatusCode != http.StatusForbidden {
		t.Errorf("GET an expired link: status %d, want 403", resp.StatusCode)
	}
	form := url.Values{"token": {token}, "email": {"rescue@example.com"}, "password": {"a brand new secret"}}
	if resp, _ := b.PostForm("/emergency-access", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST an expired link: status %d, want 403", resp.StatusCode)
	}
}

func TestWrongEmergencyLinksCostNoHashAndAreThrottled(t *testing.T) {
	s := newSite(t, auth.EnableEmergencyAccess)
	token, err := s.accounts.CreateEmergencyToken(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// A Hasher that never has a free slot: any hash would wait until the request gave up.
	auth.SetHasher(s.accounts, auth.BusyHasher())
	b := s.browser()
	b.HTTP.Timeout = 5 * time.Second

	form := url.Values{"email": {"rescue@example.com"}, "password": {"a brand new secret"}}
	tries := []func(i int) *http.Response{
		func(i int) *http.Response {
			resp, _ := b.Get(fmt.Sprint("/emergency-access?token=guess", i))
			return resp
		},
		func(i int) *http.Response {
			form.Set("token", fmt.Sprint("guess", i))
			resp, _ := b.PostForm("/emergency-access", form)
			return resp
		},
	}
	for i := range auth.MaxFailuresPerAccountAndClient {
		if resp := tries[i%2](i); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("wrong link %d: status %d, want 403 (and no password hashed)", i+1, resp.StatusCode)
		}
	}
	// Now this address is refused even the right link, and is told when to come back.
	for _, try := range []func() (*http.Response, string){
		func() (*http.Response, string) { return b.Get("/emergency-access?token=" + token) },
		func() (*http.Response, string) {
			form.Set("token", token)
			return b.PostForm("/emergency-access", form)
		},
	} {
		resp, body := try()
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many wrong links") {
			t.Errorf("after %d wrong links: status %d, Retry-After %q; want 429 saying when to retry", auth.MaxFailuresPerAccountAndClient, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	// Once the wait is over, a right link works from this address (a new one: links live
	// only as long as the wait).
	s.clock.Advance(auth.ThrottleWindow)
	auth.SetHasher(s.accounts, auth.FastHasher())
	if token, err = s.accounts.CreateEmergencyToken(t.Context()); err != nil {
		t.Fatal(err)
	}
	form.Set("token", token)
	if resp, body := b.PostForm("/emergency-access", form); resp.StatusCode != http.StatusOK {
		t.Errorf("after the window: status %d, want the superuser created\n%s", resp.StatusCode, body)
	}
}
