// Shared helpers for the page tests: the whole app as production serves it (server.New, with
// the real routes.go and middleware) on a fresh test database, visited with testutil.Client.
// Each page has its own _test.go file next to its handler.

package pages_test

import (
	"testing"

	"myapp/internal/server"
	"myapp/internal/testutil"
	"myapp/internal/web"
)

// newSite serves the whole app and returns a visitor of it and the Deps it is built from
// (the database, to set up rows and check them).
func newSite(t *testing.T) (*testutil.Client, server.Deps) {
	t.Helper()
	deps := server.NewDeps(testutil.Config(t), testutil.Logger(t), testutil.NewDB(t))
	handler, err := server.New(deps)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	return testutil.Serve(t, handler), deps
}

// newRenderer returns the app's templates, for a benchmark of a page's handler alone.
func newRenderer(t testing.TB) *web.Renderer {
	t.Helper()
	render, err := web.NewRenderer(testutil.Logger(t))
	if err != nil {
		t.Fatalf("web.NewRenderer: %v", err)
	}
	return render
}
