// Tests for the buffers the Renderer keeps between pages (see Renderer.buffer): a page never
// carries any part of the page rendered before it, even one that failed half-way.

package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"myapp/internal/testutil"
)

func TestAPageFailedHalfWayLeavesNothingForTheNext(t *testing.T) {
	render, err := NewRenderer(testutil.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	// A page that writes a paragraph, then fails: .Data has no field Missing.
	render.pages["broken"] = template.Must(template.New("broken").Parse(`{{ define "base" }}<p>half a page</p>{{ .Data.Missing }}{{ end }}`))

	for range 3 {
		broken := httptest.NewRecorder()
		render.Page(broken, httptest.NewRequest(http.MethodGet, "/broken", nil), http.StatusOK, "broken", struct{}{})
		if broken.Code != http.StatusInternalServerError || strings.Contains(broken.Body.String(), "half a page") {
			t.Fatalf("a template error must give the 500 page alone: status %d\n%s", broken.Code, broken.Body)
		}
		next := httptest.NewRecorder()
		render.Page(next, httptest.NewRequest(http.MethodGet, "/next", nil), http.StatusNotFound, "404", nil)
		if body := next.Body.String(); strings.Contains(body, "half a page") || !strings.HasPrefix(body, "<!doctype html>") {
			t.Fatalf("the page after a failed one carries its start:\n%s", body)
		}
	}
}

func TestPagesRenderedAtOnceKeepToThemselves(t *testing.T) {
	render, err := NewRenderer(testutil.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			for j := range 20 {
				path := fmt.Sprintf("/page-%d-%d", i, j)
				rec := httptest.NewRecorder()
				render.Page(rec, httptest.NewRequest(http.MethodGet, path, nil), http.StatusNotFound, "404", nil)
				body := rec.Body.String()
				if strings.Count(body, "<code>/page-") != 1 || !strings.Contains(body, "<code>"+path+"</code>") {
					t.Errorf("the page for %s shows another page's path, or more than one:\n%s", path, body)
					return
				}
			}
		})
	}
	wg.Wait()
}
