// Tests for the JSON API: tokens, refresh with rotation, /api/me, and every way a token can
// be bad. Errors must be JSON, never a redirect to the login page.

package auth_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

// getTokens logs in through the API and returns the answer.
func getTokens(t *testing.T, b *testutil.Client, email, password string) map[string]any {
	t.Helper()
	resp, body := b.PostJSON("/api/auth/token", map[string]string{"email": email, "password": password}, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/auth/token: status %d, body %v", resp.StatusCode, body)
	}
	return body
}

func TestTokenAndMe(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleStaff)
	b := s.browser()

	resp, tokens := b.PostJSON("/api/auth/token", map[string]string{"email": "ADA@example.com", "password": "correct horse battery"}, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %v", resp.StatusCode, tokens)
	}
	access, _ := tokens["access_token"].(string)
	refresh, _ := tokens["refresh_token"].(string)
	if access == "" || refresh == "" || tokens["token_type"] != "bearer" || tokens["expires_in"] != s.cfg.AccessTokenTTL.Seconds() {
		t.Errorf("answer %v, want access_token, refresh_token, token_type bearer and expires_in", tokens)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Error("a token answer must not be cached")
	}

	resp, me := b.GetJSON("/api/me", bearer(access))
	if resp.StatusCode != http.StatusOK || me["email"] != "ada@example.com" || me["role"] != "staff" || me["last_login_at"] == nil {
		t.Errorf("GET /api/me: status %d, %v", resp.StatusCode, me)
	}
	if b.Cookie("session") != "" {
		t.Error("the API set a session cookie; API clients use tokens")
	}
}

func TestTokenProblems(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	tests := []struct {
		name       string
		body       any
		wantStatus int
	}{
		{"not JSON", "email=ada@example.com", http.StatusBadRequest},
		{"no password", map[string]string{"email": "ada@example.com"}, http.StatusBadRequest},
		{"wrong password", map[string]string{"email": "ada@example.com", "password": "not my password"}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		resp, body := b.PostJSON("/api/auth/token", tt.body, nil)
		if resp.StatusCode != tt.wantStatus || body["error"] == "" {
			t.Errorf("%s: status %d %v, want %d with an error message", tt.name, resp.StatusCode, body, tt.wantStatus)
		}
	}
	for range auth.MaxFailuresPerAccountAndClient {
		b.PostJSON("/api/auth/token", map[string]string{"email": "ada@example.com", "password": "not my password"}, nil)
	}
	resp, _ := b.PostJSON("/api/auth/token", map[string]string{"email": "ada@example.com", "password": "correct horse battery"}, nil)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("after repeated failures: status %d, Retry-After %q; want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestBadAccessTokensGetA401InJSON(t *testing.T) {
	s := newSite(t)
	user := s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	good := getTokens(t, b, "ada@example.com", "correct horse battery")["access_token"].(string)

	sign := func(claims jwt.Claims, method jwt.SigningMethod, key any) string {
		token, err := jwt.NewWithClaims(method, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return token
	}
	claims := func(issuer string, expires time.Time) jwt.RegisteredClaims {
		return jwt.RegisteredClaims{Issuer: issuer, Subject: "1", ExpiresAt: jwt.NewNumericDate(expires)}
	}
	parts := strings.Split(good, ".") // header, payload, signature
	otherUser := base64.RawURLEncoding.EncodeToString([]byte(`{"iss":"` + auth.TokenIssuer + `","sub":"999","exp":4102444800}`))
	later := s.clock.Now().Add(time.Hour)

	tests := map[string]http.Header{
		"no header":             nil,
		"not bearer":            {"Authorization": {"Basic YWRhOnBhc3N3b3Jk"}},
		"garbage":               bearer("not.a.token"),
		"payload changed":       bearer(parts[0] + "." + otherUser + "." + parts[2]),
		"signed with other key": bearer(sign(claims(auth.TokenIssuer, later), jwt.SigningMethodHS256, []byte("another key"))),
		"alg none":              bearer(sign(claims(auth.TokenIssuer, later), jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType)),
		"other issuer":          bearer(sign(claims("another-app", later), jwt.SigningMethodHS256, auth.AccessKey(s.accounts))),
		"no expiry":             bearer(sign(jwt.RegisteredClaims{Issuer: auth.TokenIssuer, Subject: "1"}, jwt.SigningMethodHS256, auth.AccessKey(s.accounts))),
	}
	for name, header := range tests {
		resp, body := b.GetJSON("/api/me", header)
		if resp.StatusCode != http.StatusUnauthorized || body["error"] == nil || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: status %d %v, want a JSON 401 with WWW-Authenticate", name, resp.StatusCode, body)
		}
	}

	if resp, _ := b.GetJSON("/api/me", bearer(good)); resp.StatusCode != http.StatusOK {
		t.Fatalf("the good token: status %d", resp.StatusCode)
	}
	s.clock.Advance(s.cfg.AccessTokenTTL + time.Second)
	if resp, _ := b.GetJSON("/api/me", bearer(good)); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("an expired token: status %d, want 401", resp.StatusCode)
	}
	s.clock.Advance(-s.cfg.AccessTokenTTL)
	s.accounts.SetActive(t.Context(), user.Email, false)
	if resp, _ := b.GetJSON("/api/me", bearer(good)); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a deactivated user's token: status %d, want 401", resp.StatusCode)
	}
}

func TestRefreshRotatesAndDetectsReuse(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	first := getTokens(t, b, "ada@example.com", "correct horse battery")["refresh_token"]

	resp, second := b.PostJSON("/api/auth/refresh", map[string]any{"refresh_token": first}, nil)
	if resp.StatusCode != http.StatusOK || second["refresh_token"] == first || second["access_token"] == "" {
		t.Fatalf("refresh: status %d %v, want a new pair", resp.StatusCode, second)
	}
	if resp, _ := b.GetJSON("/api/me", bearer(second["access_token"].(string))); resp.StatusCode != http.StatusOK {
		t.Errorf("the refreshed access token: status %d", resp.StatusCode)
	}

	// The first token again: it was used, so someone kept a copy. Both tokens stop working.
	if resp, body := b.PostJSON("/api/auth/refresh", map[string]any{"refresh_token": first}, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("reusing a refresh token: status %d %v, want 401", resp.StatusCode, body)
	}
	if resp, _ := b.PostJSON("/api/auth/refresh", map[string]any{"refresh_token": second["refresh_token"]}, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("after a reuse, the newest refresh token: status %d, want 401", resp.StatusCode)
	}
}

func TestRefreshRefusals(t *testing.T) {
	s := newSite(t)
	s.createUser("ada@example.com", "correct horse battery", auth.RoleUser)
	b := s.browser()
	refresh := func(token any) int {
		resp, _ := b.PostJSON("/api/auth/refresh", map[string]any{"refresh_token": token}, nil)
		return resp.StatusCode
	}
	if status := refresh("made-up-token"); status != http.StatusUnauthorized {
		t.Errorf("an unknown token: status %d, want 401", status)
	}

	expiring := getTokens(t, b, "ada@example.com", "correct horse battery")["refresh_token"]
	s.clock.Advance(s.cfg.RefreshTokenTTL + time.Second)
	if status := refresh(expiring); status != http.StatusUnauthorized {
		t.Errorf("an expired token: status %d, want 401", status)
	}

	held := getTokens(t, b, "ada@example.com", "correct horse battery")["refresh_token"]
	s.accounts.SetActive(t.Context(), "ada@example.com", false)
	if status := refresh(held); status != http.StatusUnauthorized {
		t.Errorf("a deactivated user's token: status %d, want 401", status)
	}
}

func TestUnknownAPIPathIsJSON(t *testing.T) {
	s := newSite(t)
	resp, body := s.browser().GetJSON("/api/nothing-here", nil)
	if resp.StatusCode != http.StatusNotFound || body["error"] == nil {
		t.Errorf("status %d %v, want a JSON 404", resp.StatusCode, body)
	}
}
