// Package testutil holds helpers shared by the tests of every package: the configuration and
// logger here, Client (client.go) to talk to the app over HTTP, NewDB for a fresh database.
// Add a helper here when two test files need the same setup.
package testutil

import (
	"log/slog"
	"path/filepath"
	"testing"

	"myapp/internal/config"
)

// Logger returns a logger that writes into the test's output, shown when the test fails or
// with go test -v.
func Logger(t testing.TB) *slog.Logger {
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
	return cfg
}
