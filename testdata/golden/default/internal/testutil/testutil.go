// Package testutil holds helpers shared by the tests of every package. Add a helper here when
// two test files need the same setup.
package testutil

import (
	"log/slog"
	"testing"
)

// Logger returns a logger that writes into the test's output, shown when the test fails or
// with go test -v.
func Logger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), nil))
}
