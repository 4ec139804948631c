// Shared helpers for the page tests: a renderer and a way to call a handler. Each page has
// its own _test.go file next to its handler.

package pages_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"myapp/internal/testutil"
	"myapp/internal/web"
)

func newRenderer(t testing.TB) *web.Renderer {
	t.Helper()
	render, err := web.NewRenderer(testutil.Logger(t))
	if err != nil {
		t.Fatalf("web.NewRenderer: %v", err)
	}
	return render
}

// call sends req to handler and returns the status, headers and body of the answer.
func call(t *testing.T, handler http.Handler, req *http.Request) (int, http.Header, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Header(), string(body)
}
