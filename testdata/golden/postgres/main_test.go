// Tests for the management commands, run through run() exactly as `go run . <command>` would.
// Add a case here for each new command.

package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"myapp/internal/config"
	"myapp/internal/testutil"
)

// env turns a map into a getenv function, so each test decides the whole environment.
func env(values map[string]string) func(string) string {
	return func(name string) string { return values[name] }
}

// runCommand calls run() in an empty temporary directory (so a developer's own .env or data/
// cannot change the result) and returns what the command printed.
func runCommand(t *testing.T, ctx context.Context, getenv func(string) string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	t.Chdir(t.TempDir())
	var out, errOut bytes.Buffer
	err = run(ctx, append([]string{"myapp"}, args...), getenv, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestSecretsPrintsANewRandomKeyEachTime(t *testing.T) {
	hex64 := regexp.MustCompile(`^[0-9a-f]{64}\n$`)
	first, _, err := runCommand(t, t.Context(), env(nil), "secrets")
	if err != nil {
		t.Fatalf("secrets: %v", err)
	}
	second, _, _ := runCommand(t, t.Context(), env(nil), "secrets")
	if !hex64.MatchString(first) || !hex64.MatchString(second) {
		t.Fatalf("want 64 hex characters and a newline, got %q and %q", first, second)
	}
	if first == second {
		t.Fatal("two runs printed the same key; keys must be random")
	}
}

func TestCheck(t *testing.T) {
	strongKey := config.NewSecretKey()
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantErr   bool
		wantInOut []string
	}{
		{
			name:      "development without a key only warns",
			args:      []string{"check"},
			wantInOut: []string{"warning", "SECRET_KEY", "go run . secrets", "No errors found"},
		},
		{
			name:      "deploy refuses development",
			args:      []string{"check", "--deploy"},
			env:       map[string]string{"SECRET_KEY": strongKey},
			wantErr:   true,
			wantInOut: []string{"error", "ENVIRONMENT", "production"},
		},
		{
			name:      "deploy refuses the example key",
			args:      []string{"check", "--deploy"},
			env:       map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": "change-me-run-go-run-dot-secrets"},
			wantErr:   true,
			wantInOut: []string{"SECRET_KEY", ".env.example", "go run . secrets"},
		},
		{
			name:      "deploy refuses a short key",
			args:      []string{"check", "--deploy"},
			env:       map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": "short"},
			wantErr:   true,
			wantInOut: []string{"SECRET_KEY", "shorter"},
		},
		{
			name:      "deploy accepts a production setup",
			args:      []string{"check", "--deploy"},
			env:       map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strongKey, "STORAGE_TYPE": "none"},
			wantInOut: []string{"No errors found (environment: production)"},
		},
		{
			name:      "deploy refuses uploads outside the /data volume",
			args:      []string{"check", "--deploy"},
			env:       map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strongKey, "UPLOAD_DIR": "/tmp/uploads"},
			wantErr:   true,
			wantInOut: []string{"UPLOAD_DIR", "/data/uploads"},
		},
		{
			name:      "deploy refuses incomplete S3 settings",
			args:      []string{"check", "--deploy"},
			env:       map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strongKey, "STORAGE_TYPE": "s3", "S3_BUCKET": "photos"},
			wantErr:   true,
			wantInOut: []string{"S3_ENDPOINT_URL", "S3_ACCESS_KEY", "S3_SECRET_KEY"},
		},
		{
			name:      "an unknown environment is an error",
			args:      []string{"check"},
			env:       map[string]string{"ENVIRONMENT": "staging"},
			wantErr:   true,
			wantInOut: []string{"ENVIRONMENT", "staging"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values := map[string]string{"DATABASE_URL": testutil.DatabaseURL(t)}
			for k, v := range tt.env {
				values[k] = v
			}
			stdout, _, err := runCommand(t, t.Context(), env(values), tt.args...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error: %v\noutput:\n%s", err, tt.wantErr, stdout)
			}
			for _, want := range tt.wantInOut {
				if !strings.Contains(stdout, want) {
					t.Errorf("output does not mention %q:\n%s", want, stdout)
				}
			}
		})
	}
}

func TestUnknownCommandListsTheCommands(t *testing.T) {
	_, _, err := runCommand(t, t.Context(), env(nil), "serv")
	if err == nil {
		t.Fatal("want an error for an unknown command")
	}
	for _, want := range []string{`"serv"`, "serve", "secrets", "check", "migrate", "help"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestNoCommandPrintsUsage(t *testing.T) {
	stdout, _, err := runCommand(t, t.Context(), env(nil))
	if err != nil {
		t.Fatalf("run with no command: %v", err)
	}
	if !strings.Contains(stdout, "Usage: go run . <command>") || !strings.Contains(stdout, "serve") {
		t.Errorf("usage is missing:\n%s", stdout)
	}
}

func TestServeAnswersAndStopsWhenCancelled(t *testing.T) {
	t.Chdir(t.TempDir())
	addr := freeAddress(t)
	getenv := env(map[string]string{"DATABASE_URL": testutil.DatabaseURL(t)})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		var logs bytes.Buffer
		done <- run(ctx, []string{"myapp", "serve", "--addr", addr}, getenv, strings.NewReader(""), &logs, &logs)
	}()

	// The server needs a moment to start listening.
	var resp *http.Response
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err = http.Get("http://" + addr + "/healthz"); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("the server never answered: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz: status %d, want 200", resp.StatusCode)
	}

	cancel() // what Ctrl+C does
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}

// freeAddress finds a port nobody is listening on.
func freeAddress(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	return listener.Addr().String()
}
