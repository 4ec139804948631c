// Tests for the user commands (createsuperuser, users, changepassword, emergency-access) and
// the development superuser that serve creates, run through run() as `go run .` would.

package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"myapp/internal/config"
	"myapp/internal/testutil"
)

// runWithInput is runCommand with something on standard input, as a pipe gives it.
func runWithInput(t *testing.T, getenv func(string) string, input string, args ...string) (stdout string, err error) {
	t.Helper()
	t.Chdir(t.TempDir())
	var out, errOut bytes.Buffer
	err = run(t.Context(), append([]string{"myapp"}, args...), getenv, strings.NewReader(input), &out, &errOut)
	return out.String(), err
}

func TestUserCommands(t *testing.T) {
	getenv := env(map[string]string{"DATABASE_URL": testutil.DatabaseURL(t)})
	steps := []struct {
		input   string
		args    []string
		want    string // a regular expression matching the output, or the error when wantErr
		wantErr bool
	}{
		{"correct horse battery\n", []string{"createsuperuser", "--email", "Root@Example.com", "--password-stdin"}, "Created superuser root@example.com", false},
		{"correct horse battery", []string{"createsuperuser", "--email", "root@example.com", "--password-stdin"}, "already exists", true},
		{"", []string{"createsuperuser", "--password-stdin"}, "--email", true},
		{"", []string{"createsuperuser", "--email", "x@example.com"}, `\| go run \. createsuperuser --email x@example\.com --password-stdin$`, true},
		// Without a terminal and without --password-stdin, each command shows itself with the password piped in.
		{"", []string{"users", "create", "eve@example.com"}, `no password: .*\| go run \. users create eve@example\.com --password-stdin$`, true},
		{"", []string{"users", "create", "eve@example.com", "--role", "staff"}, `\| go run \. users create eve@example\.com --role staff --password-stdin$`, true},
		{"", []string{"changepassword", "root@example.com"}, `\| go run \. changepassword root@example\.com --password-stdin$`, true},
		{"short\n", []string{"createsuperuser", "--email", "x@example.com", "--password-stdin"}, "at least 8", true},
		{"correct horse battery", []string{"users", "create", "ada@example.com", "--role", "staff", "--password-stdin"}, "Created staff ada@example.com", false},
		{"correct horse battery", []string{"users", "create", "--password-stdin", "bob@example.com"}, "Created user bob@example.com", false},
		{"", []string{"users", "create", "eve@example.com", "--role", "king"}, "unknown role", true},
		{"", []string{"users", "set-role", "bob@example.com", "superuser"}, "bob@example.com is now superuser", false},
		{"", []string{"users", "deactivate", "ADA@example.com"}, "ada@example.com is deactivated", false},
		{"", []string{"users", "list"}, `ada@example.com +staff +no `, false},
		{"", []string{"users", "activate", "ada@example.com"}, "ada@example.com is activated", false},
		{"", []string{"users", "deactivate", "nobody@example.com"}, "no user has this email", true},
		{"", []string{"users", "promote", "ada@example.com"}, "go run . users list", true},
		{"a brand new secret\n", []string{"changepassword", "ada@example.com", "--password-stdin"}, "Changed the password of ada@example.com", false},
		{"password123\n", []string{"changepassword", "ada@example.com", "--password-stdin"}, "most common", true},
		{"", []string{"changepassword", "nobody@example.com", "--password-stdin"}, "users list", true},
	}
	for _, step := range steps {
		out, err := runWithInput(t, getenv, step.input, step.args...)
		if (err != nil) != step.wantErr {
			t.Fatalf("%v: error %v, want error: %v\n%s", step.args, err, step.wantErr, out)
		}
		got := out
		if err != nil {
			got = err.Error()
		}
		if !regexp.MustCompile(step.want).MatchString(got) {
			t.Errorf("%v: %q does not match %q", step.args, got, step.want)
		}
	}

	out, _ := runWithInput(t, getenv, "", "users", "list")
	for _, want := range []string{"EMAIL", "root@example.com", "superuser", "ada@example.com", "staff", "yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("users list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "correct horse battery") || strings.Contains(out, "$argon2id$") {
		t.Errorf("users list shows a password or a hash:\n%s", out)
	}
}

func TestEmergencyAccessCommand(t *testing.T) {
	values := map[string]string{"DATABASE_URL": testutil.DatabaseURL(t)}
	if _, err := runWithInput(t, env(values), "", "emergency-access"); err == nil || !strings.Contains(err.Error(), "EMERGENCY_ACCESS_ENABLED=true") {
		t.Errorf("with emergency access off: error %v, want one that says how to turn it on", err)
	}
	values["EMERGENCY_ACCESS_ENABLED"] = "true"
	first, err := runWithInput(t, env(values), "", "emergency-access")
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`http://localhost:8000/emergency-access\?token=([A-Z0-9]{26})\n`)
	second, _ := runWithInput(t, env(values), "", "emergency-access")
	if !link.MatchString(first) || !link.MatchString(second) || link.FindString(first) == link.FindString(second) {
		t.Errorf("want two different one-time links, got:\n%s\n%s", first, second)
	}
}

func TestServeCreatesADevelopmentSuperuserOnce(t *testing.T) {
	databaseURL := testutil.DatabaseURL(t)
	credentials := regexp.MustCompile(`\|  +email: +admin@example.com +\|\n\|  +password: +([A-Z0-9]{26}) +\|\n`)

	first := serveOnce(t, map[string]string{"DATABASE_URL": databaseURL})
	if !credentials.MatchString(first) {
		t.Fatalf("the first serve did not print the superuser's credentials:\n%s", first)
	}
	password := credentials.FindStringSubmatch(first)[1]
	checkLoginBox(t, first)
	if strings.Count(first, password) != 1 {
		t.Errorf("the password appears %d times; it must be printed once and never logged", strings.Count(first, password))
	}
	if again := serveOnce(t, map[string]string{"DATABASE_URL": databaseURL}); strings.Contains(again, "password:") {
		t.Errorf("the second serve printed credentials again:\n%s", again)
	}
	production := map[string]string{"DATABASE_URL": testutil.DatabaseURL(t), "ENVIRONMENT": "production", "SECRET_KEY": config.NewSecretKey()}
	if out := serveOnce(t, production); strings.Contains(out, "password:") {
		t.Errorf("production created a superuser:\n%s", out)
	}
}

// serveOnce starts serve, waits until it answers, stops it and returns everything it printed.
func serveOnce(t *testing.T, values map[string]string) string {
	t.Helper()
	t.Chdir(t.TempDir())
	addr := freeAddress(t)
	ctx, cancel := context.WithCancel(t.Context())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"myapp", "serve", "--addr", addr}, env(values), strings.NewReader(""), &out, &out)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve never answered: %v", <-done)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	return out.String()
}

// checkLoginBox checks the box in which serve shows the development superuser: after the log
// line that says the server started (so the migration lines do not bury it), every line
// framed and as wide as the others, with the login URL and how to choose a password.
func checkLoginBox(t *testing.T, out string) {
	t.Helper()
	box := regexp.MustCompile(`(?m)^\+-+\+\n(?:\|.*\|\n)+\+-+\+$`).FindString(out)
	if box == "" {
		t.Fatalf("no box around the credentials:\n%s", out)
	}
	if started := strings.Index(out, "server started"); started < 0 || started > strings.Index(out, box) {
		t.Errorf("the box comes before the server started, among the log lines:\n%s", out)
	}
	lines := strings.Split(box, "\n")
	for _, line := range lines {
		if len(line) != len(lines[0]) {
			t.Errorf("the box's line %q is not as wide as its border %q", line, lines[0])
		}
	}
	for _, want := range []string{"/login ", "shown only this once", "go run . changepassword admin@example.com"} {
		if !strings.Contains(box, want) {
			t.Errorf("the box lacks %q:\n%s", want, box)
		}
	}
}
