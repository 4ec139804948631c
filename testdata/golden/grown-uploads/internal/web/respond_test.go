// Tests for the answers that are not pages: the API's errors, its 500, plain-text refusals and
// Retry-After.

package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRefuse(t *testing.T) {
	tests := []struct {
		path, wantType, wantBody string
	}{
		{"/api/me", "application/json", `{"error":"no"}` + "\n"},
		{"/notes", "text/plain; charset=utf-8", "Forbidden: no\n"},
		{"/apiary", "text/plain; charset=utf-8", "Forbidden: no\n"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		Refuse(rec, httptest.NewRequest(http.MethodPost, tt.path, nil), http.StatusForbidden, "no")
		if rec.Code != http.StatusForbidden || rec.Header().Get("Content-Type") != tt.wantType || rec.Body.String() != tt.wantBody {
			t.Errorf("%s: %d %q %q, want 403 %q %q", tt.path, rec.Code, rec.Header().Get("Content-Type"), rec.Body, tt.wantType, tt.wantBody)
		}
	}
}

func TestWriteServerError(t *testing.T) {
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	rec := httptest.NewRecorder()
	WriteServerError(rec, httptest.NewRequest(http.MethodGet, "/api/me", nil), logger, errors.New("disk on fire"))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "something went wrong on our side") {
		t.Errorf("answer %d %q", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "disk") || !strings.Contains(log.String(), "level=ERROR") || !strings.Contains(log.String(), "disk on fire") {
		t.Errorf("the details belong in the log only: body %q, log %q", rec.Body, log.String())
	}

	// A client that went away gets no answer, and the log says so without an error.
	log.Reset()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	rec = httptest.NewRecorder()
	WriteServerError(rec, httptest.NewRequest(http.MethodGet, "/api/me", nil).WithContext(ctx), logger, ctx.Err())
	if rec.Body.Len() != 0 || strings.Contains(log.String(), "level=ERROR") || !strings.Contains(log.String(), "client went away") {
		t.Errorf("client gone: body %q, log %q", rec.Body, log.String())
	}
}

func TestSetRetryAfter(t *testing.T) {
	for wait, want := range map[time.Duration]string{
		time.Minute: "60", 1500 * time.Millisecond: "2", time.Millisecond: "1", 0: "0", 24 * time.Hour: "86400",
	} {
		rec := httptest.NewRecorder()
		SetRetryAfter(rec, wait)
		if got := rec.Header().Get("Retry-After"); got != want {
			t.Errorf("SetRetryAfter(%s): %q, want %q", wait, got, want)
		}
	}
}
