// Tests for the SQLite-specific parts: which DATABASE_URLs are accepted and what Open creates.

package database

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDataSourceName(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		url     string
		wantDSN string // "" means an error is expected
	}{
		{"sqlite:" + dir + "/a.db", "file:" + dir + "/a.db?" + pragmas + "&" + txLock + "&" + timeFormat},
		{"file:" + dir + "/b.db", "file:" + dir + "/b.db?" + pragmas + "&" + txLock + "&" + timeFormat},
		{"postgres://localhost/app", ""},
		{"sqlite:", ""},
		{"sqlite:" + dir + "/c.db?mode=ro", ""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			dsn, err := dataSourceName(tt.url)
			if tt.wantDSN == "" {
				if err == nil || !strings.Contains(err.Error(), "sqlite:data/app.db") {
					t.Errorf("want an error showing a correct example, got DSN %q, error %v", dsn, err)
				}
				return
			}
			if err != nil || dsn != tt.wantDSN {
				t.Errorf("got %q, %v; want %q", dsn, err, tt.wantDSN)
			}
		})
	}
}

func TestOpenCreatesTheDirectoryAndFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "nested", "data", "app.db")
	db, err := Open(t.Context(), "sqlite:"+file)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	var journalMode string
	if err := db.QueryRowContext(t.Context(), "PRAGMA journal_mode").Scan(&journalMode); err != nil {
		t.Fatal(err)
	}
	if journalMode != "wal" {
		t.Errorf("journal_mode = %q, want wal", journalMode)
	}
	if _, err := os.Stat(file); err != nil {
		t.Errorf("database file not created: %v", err)
	}
}
