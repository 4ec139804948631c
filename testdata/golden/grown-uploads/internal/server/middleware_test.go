// Tests for the middleware around every request: a client that hangs up is not a server
// error, an error page never follows an answer already begun, and answers to a
// logged-in user are kept out of caches.

package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"myapp/internal/testutil"
	"myapp/internal/web"
)

// wrappedServer serves handler inside logRequests and recoverPanics, as New does, over real
// HTTP, and returns its URL, the app's log, the server's own log (where net/http complains)
// and a channel that gets each request's end.
func wrappedServer(t *testing.T, handler func(render *web.Renderer) http.HandlerFunc) (base string, appLog, serverLog *testutil.LogBuffer, done chan struct{}) {
	t.Helper()
	appLog, serverLog, done = &testutil.LogBuffer{}, &testutil.LogBuffer{}, make(chan struct{}, 1)
	logger := slog.New(slog.NewTextHandler(appLog, nil))
	render, err := web.NewRenderer(logger)
	if err != nil {
		t.Fatal(err)
	}
	app := logRequests(logger, recoverPanics(render, logger, handler(render)))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		app.ServeHTTP(w, r)
		done <- struct{}{}
	}))
	srv.Config.ErrorLog = log.New(serverLog, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL, appLog, serverLog, done
}

func TestClientThatLeftIsNotAServerError(t *testing.T) {
	started := make(chan struct{})
	base, appLog, serverLog, done := wrappedServer(t, func(render *web.Renderer) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			close(started)
			<-r.Context().Done() // the client hangs up while the page is being made
			render.ServerError(w, r, fmt.Errorf("load the rows: %w", r.Context().Err()))
		}
	})
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		<-started
		cancel()
	}()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/slow", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the request was answered; it should have been cancelled")
	}
	<-done
	logs := appLog.String()
	if strings.Contains(logs, "level=ERROR") || strings.Contains(logs, "status=500") {
		t.Errorf("a client that left is logged as a server error:\n%s", logs)
	}
	if !strings.Contains(logs, "client went away") || !strings.Contains(logs, "client_gone=true") {
		t.Errorf("the log does not say the client went away:\n%s", logs)
	}
	if strings.Contains(serverLog.String(), "superfluous") {
		t.Errorf("net/http complains: %s", serverLog)
	}
}

func TestNoErrorPageAfterTheAnswerBegan(t *testing.T) {
	tests := []struct {
		name       string
		handler    func(render *web.Renderer) http.HandlerFunc
		wantStatus int
		wantBody   string
	}{
		{"fails after writing part of a page", func(render *web.Renderer) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusOK)
				io.WriteString(w, "the first rows")
				render.ServerError(w, r, errors.New("the next rows failed"))
			}
		}, http.StatusOK, "the first rows"},
		{"fails after sending only the status", func(render *web.Renderer) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusAccepted)
				render.ServerError(w, r, errors.New("broke"))
			}
		}, http.StatusAccepted, ""},
		{"writes a status after the error page", func(render *web.Renderer) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				render.ServerError(w, r, errors.New("saving the session failed"))
				w.WriteHeader(http.StatusOK) // as a middleware that does not know may do
			}
		}, http.StatusInternalServerError, "Something went wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, appLog, serverLog, done := wrappedServer(t, tt.handler)
			resp, err := http.Get(base + "/page")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			<-done
			if resp.StatusCode != tt.wantStatus || !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("status %d, body %.200q; want %d and %q", resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			if tt.wantStatus == http.StatusOK && strings.Contains(string(body), "Something went wrong") {
				t.Errorf("the 500 page follows the answer already sent:\n%s", body)
			}
			if !strings.Contains(appLog.String(), "level=ERROR") {
				t.Errorf("the failure is not in the log:\n%s", appLog)
			}
			if strings.Contains(serverLog.String(), "superfluous") {
				t.Errorf("net/http complains: %s", serverLog)
			}
		})
	}
}

func TestPrivateAnswersAreNotStored(t *testing.T) {
	site, _ := inputSite(t) // input_test.go: a superuser logged in
	private := []string{"/", "/account", "/notes", "/admin", "/admin/notes", "/chat", "/no/such/page"}
	for _, path := range private {
		if resp, _ := site.Get(path); !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
			t.Errorf("logged in, GET %s: Cache-Control %q, want no-store", path, resp.Header.Get("Cache-Control"))
		}
	}
	// The API, with an access token instead of a cookie.
	resp, body := site.PostJSON("/api/auth/token", map[string]string{"email": "root@example.com", "password": "correct horse battery"}, sameOrigin)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("token: status %d %v", resp.StatusCode, body)
	}
	api := testutil.NewClient(t, site.URL)
	if resp, _ := api.Do(http.MethodGet, "/api/me", "", nil, http.Header{"Authorization": {"Bearer " + body["access_token"].(string)}}); !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("GET /api/me with a token: Cache-Control %q, want no-store", resp.Header.Get("Cache-Control"))
	}
	// A visitor's pages, and static files for anyone, may be kept.
	visitor := testutil.NewClient(t, site.URL)
	for _, path := range []string{"/", "/login"} {
		if resp, _ := visitor.Get(path); strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
			t.Errorf("visitor, GET %s: Cache-Control %q, want none", path, resp.Header.Get("Cache-Control"))
		}
	}
	if resp, _ := site.Get("/static/favicon.svg"); strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("static file: Cache-Control %q, want it cacheable", resp.Header.Get("Cache-Control"))
	}
}
