// Tests for the PostgreSQL-specific parts: which DATABASE_URLs are accepted, and what a failed
// connection says (it must help, and must never show the password).

package database

import (
	"strings"
	"testing"
)

func TestDataSourceName(t *testing.T) {
	tests := []struct {
		url     string
		wantErr bool
	}{
		{"postgres://app:secret@localhost:5432/app?sslmode=disable", false},
		{"postgresql://localhost/app", false},
		{"sqlite:data/app.db", true},
		{"", true},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			dsn, err := dataSourceName(tt.url)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "postgres://USER:PASSWORD@HOST:5432/DATABASE") {
					t.Errorf("want an error showing the URL format, got %v", err)
				}
				return
			}
			if err != nil || dsn != tt.url {
				t.Errorf("got %q, %v; want the URL unchanged", dsn, err)
			}
		})
	}
}

func TestOpenExplainsAFailedConnection(t *testing.T) {
	// Port 1 on this machine: nothing listens there, so the connection is refused at once.
	_, err := Open(t.Context(), "postgres://app:hunter2@127.0.0.1:1/app?sslmode=disable&connect_timeout=5")
	if err == nil {
		t.Fatal("want an error when PostgreSQL is not running")
	}
	if !strings.Contains(err.Error(), "Start PostgreSQL") || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Errorf("error %q does not say what to do", err)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error %q shows the password", err)
	}
}
