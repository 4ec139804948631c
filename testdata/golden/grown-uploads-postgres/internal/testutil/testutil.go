// Package testutil holds helpers shared by the tests of every package: the configuration and
// logger here, Client (client.go) to talk to the app over HTTP, NewDB for a fresh database.
// Add a helper here when two test files need the same setup.
package testutil

import (
	"bytes"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"myapp/internal/config"
)

// Logger returns a logger that writes into the test's output, shown when the test fails or
// with go test -v (nowhere, for a benchmark).
func Logger(t testing.TB) *slog.Logger {
	if _, benchmark := t.(*testing.B); benchmark {
		// A benchmark prints what it logs even when it passes: the log of thousands of
		// requests would bury its figures.
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(t.Output(), nil))
}

// Config returns the configuration tests run with: what config.Load gives when nothing is set
// (development and every default), with a random SECRET_KEY.
func Config(t testing.TB) config.Config {
	t.Helper()
	noEnv := func(string) string { return "" }
	cfg, err := config.Load(noEnv, filepath.Join(t.TempDir(), "missing.env"))
	if err != nil {
		t.Fatalf("load the default configuration: %v", err)
	}
	cfg.Warnings = nil
	cfg.UploadDir = t.TempDir() // uploaded files go away with the test
	return cfg
}

// LogBuffer holds what the app logs, for a test to read: the server's goroutines write to it
// while the test reads it, so each takes a lock. The zero value is ready:
//
//	var logs testutil.LogBuffer
//	logger := slog.New(slog.NewTextHandler(&logs, nil))
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything logged so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
