// Shared helpers for the page tests: the whole app as production serves it (server.New, with
// the real routes.go and middleware), visited with testutil.Client.
// Each page has its own _test.go file next to its handler.

package pages_test

import (
	"testing"

	"myapp/internal/server"
	"myapp/internal/testutil"
)

// newSite serves the whole app and returns a visitor of it and the Deps it is built from
// (the database, to set up rows and check them).
func newSite(t *testing.T) (*testutil.Client, server.Deps) {
	t.Helper()
	deps := server.NewDeps(testutil.Config(t), testutil.Logger(t))
	handler, err := server.New(deps)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	return testutil.Serve(t, handler), deps
}
