package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// builtApp is a generated app with go mod tidy (and, for sqlite, npm assets) done
// and its server binary built. Tests share one per scenario: builds are slow.
type builtApp struct {
	dir, bin string
	env      []string // environment for the app's own tests and server
	err      error
}

var (
	appsMu    sync.Mutex
	apps      = map[string]*builtApp{}
	appsRoot  string
	appsSetup sync.Once
)

// appFor generates and builds the app of a scenario once per test run.
func appFor(t testing.TB, sc scenario) *builtApp {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping generated-app builds")
	}
	env := os.Environ()
	if sc.db == "postgres" {
		env = append(env, "TEST_DATABASE_URL="+postgresURL(t))
	}
	appsSetup.Do(func() {
		var err error
		if appsRoot, err = os.MkdirTemp("", "fastopp-apps-"); err != nil {
			panic(err)
		}
	})
	appsMu.Lock()
	defer appsMu.Unlock()
	if app, ok := apps[sc.name]; ok {
		if app.err != nil {
			t.Fatalf("building the %s app failed earlier: %v", sc.name, app.err)
		}
		return app
	}
	app := &builtApp{dir: filepath.Join(appsRoot, sc.name, "myapp"), env: env}
	apps[sc.name] = app
	extra := []string{"--skip-build"} // the test builds the app itself, just below
	if sc.db != "sqlite" {
		extra = append(extra, "--skip-assets") // assets are exercised once, by the default app
	} else if _, err := exec.LookPath("npm"); err != nil {
		if inCI() {
			t.Fatal("npm is not installed; CI must build the front-end assets")
		}
		extra = append(extra, "--skip-assets")
	}
	app.bin = filepath.Join(appsRoot, sc.name, "server")
	if runtime.GOOS == "windows" {
		app.bin += ".exe"
	}
	if app.err = generateErr(t, sc, app.dir, extra...); app.err == nil {
		_, app.err = runIn(app.dir, env, "go", "build", "-o", app.bin, ".")
	}
	if app.err != nil {
		t.Fatal(app.err)
	}
	return app
}

// postgresURL returns TEST_DATABASE_URL, skipping the test locally when it is unset.
// In CI a missing PostgreSQL is a failure, never a skip.
func postgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TEST_DATABASE_URL")
	if u == "" {
		if inCI() {
			t.Fatal("TEST_DATABASE_URL is not set; CI must provide PostgreSQL (see .ci/run)")
		}
		t.Skip("set TEST_DATABASE_URL=postgres://... to test PostgreSQL apps")
	}
	return u
}

// runIn runs a command in dir and returns its combined output, or an error holding it.
func runIn(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s in %s: %v\n%s", name, strings.Join(args, " "), dir, err, out)
	}
	return string(out), nil
}

func gofmtPath() string {
	if p, err := exec.LookPath("gofmt"); err == nil {
		return p
	}
	// Not on PATH: it sits beside the go command that runs these tests.
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "gofmt"
	}
	return filepath.Join(strings.TrimSpace(string(goroot)), "bin", "gofmt")
}

// staticcheckModule is the staticcheck that checks fastopp and every generated app: a version
// that knows the Go release in go.mod. Change it here to move to another.
const staticcheckModule = "honnef.co/go/tools/cmd/staticcheck@v0.8.2"

var (
	staticcheckOnce sync.Once
	staticcheckBin  string
	staticcheckErr  error
)

// staticcheck returns the path of a staticcheck binary, built from the module proxy once per
// test run (later runs take it from Go's build cache) and shared by every test.
func staticcheck(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: staticcheck needs the module proxy")
	}
	staticcheckOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fastopp-staticcheck-")
		if err != nil {
			staticcheckErr = err
			return
		}
		env := append(os.Environ(), "GOBIN="+dir, "GOFLAGS=")
		if _, staticcheckErr = runIn(dir, env, "go", "install", staticcheckModule); staticcheckErr != nil {
			return
		}
		staticcheckBin = filepath.Join(dir, "staticcheck")
		if runtime.GOOS == "windows" {
			staticcheckBin += ".exe"
		}
	})
	if staticcheckErr != nil {
		t.Fatalf("cannot build staticcheck: %v", staticcheckErr)
	}
	return staticcheckBin
}

// TestStaticcheck keeps fastopp itself staticcheck clean (the generated apps are checked by
// TestGeneratedApps).
func TestStaticcheck(t *testing.T) {
	if _, err := runIn(repoRoot(t), os.Environ(), staticcheck(t), "./..."); err != nil {
		t.Error(err)
	}
}

// TestGeneratedApps builds, vets, formats, tests and serves each scenario's app.
func TestGeneratedApps(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			app := appFor(t, sc)
			if _, err := runIn(app.dir, app.env, "go", "vet", "./..."); err != nil {
				t.Error(err)
			}
			if _, err := runIn(app.dir, app.env, staticcheck(t), "./..."); err != nil {
				t.Error(err)
			}
			if out, err := runIn(app.dir, app.env, gofmtPath(), "-l", "."); err != nil || strings.TrimSpace(out) != "" {
				t.Errorf("gofmt -l lists files (or failed: %v):\n%s", err, out)
			}
			if out, err := runIn(app.dir, app.env, "go", "mod", "tidy", "-diff"); err != nil {
				t.Errorf("go.mod or go.sum is not tidy:\n%s", out)
			}
			if _, err := runIn(app.dir, app.env, "go", "test", "-count=1", "./..."); err != nil {
				t.Error(err)
			}
			serveAndFetch(t, app, sc)
			if sc.auth {
				loginThroughAPI(t, app, sc)
			}
		})
	}
}

// serveAndFetch starts the app's server as a user would and checks its pages.
func serveAndFetch(t *testing.T, app *builtApp, sc scenario) {
	srv := startServer(t, app, sc)
	defer srv.stop()
	checks := []struct {
		path       string
		status     int
		bodyHolds  string
		jsonStatus string
	}{
		{"/", 200, "myapp", ""},
		{"/healthz", 200, "", "ok"},
		{"/readyz", 200, "", "ok"},
		{"/no-such-page", 404, "<nav", ""},
		{"/static/favicon.svg", 200, "<svg", ""},
		{"/static/%2e%2e/templates/pages/404.html", 404, "", ""}, // only static/ is served
	}
	for _, c := range checks {
		resp, err := http.Get(srv.base + c.path)
		if err != nil {
			t.Errorf("GET %s: %v", c.path, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("GET %s = %d, want %d\n%s", c.path, resp.StatusCode, c.status, body)
		}
		if c.bodyHolds != "" && !bytes.Contains(body, []byte(c.bodyHolds)) {
			t.Errorf("GET %s body lacks %q", c.path, c.bodyHolds)
		}
		if c.jsonStatus != "" {
			var v struct{ Status string }
			if err := json.Unmarshal(body, &v); err != nil || v.Status != c.jsonStatus {
				t.Errorf("GET %s = %s, want JSON status %q", c.path, body, c.jsonStatus)
			}
		}
	}
}

// server is a running generated app.
type server struct {
	base    string   // http://127.0.0.1:PORT
	workDir string   // where it runs: its data/ folder is here
	env     []string // its environment, also for management commands
	stop    func()   // sends SIGINT and checks the server shuts down cleanly
}

// loginThroughAPI creates a user with the app's own command and logs in over HTTP
// as an API client would: token, then /api/me.
func loginThroughAPI(t *testing.T, app *builtApp, sc scenario) {
	srv := startServer(t, app, sc)
	defer srv.stop()
	const email, password = "student@example.com", "a long enough password"
	srv.manage(t, app, password, "users", "create", email, "--role", "staff", "--password-stdin")

	resp, err := http.Post(srv.base+"/api/auth/token", "application/json",
		strings.NewReader(fmt.Sprintf(`{"email":%q,"password":%q}`, strings.ToUpper(email), password)))
	if err != nil {
		t.Fatal(err)
	}
	var token struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		TokenType    string `json:"token_type"`
	}
	json.NewDecoder(resp.Body).Decode(&token)
	resp.Body.Close()
	if resp.StatusCode != 200 || token.AccessToken == "" || token.RefreshToken == "" || token.TokenType != "bearer" {
		t.Fatalf("POST /api/auth/token = %d %+v", resp.StatusCode, token)
	}

	req, _ := http.NewRequest("GET", srv.base+"/api/me", nil)
	req.Header.Set("Authorization", "Bearer "+token.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var me struct{ Email string }
	json.NewDecoder(resp.Body).Decode(&me)
	resp.Body.Close()
	if resp.StatusCode != 200 || me.Email != email {
		t.Errorf("GET /api/me = %d, email %q; want 200 and %s", resp.StatusCode, me.Email, email)
	}

	resp, err = http.Get(srv.base + "/api/me")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("GET /api/me without a token = %d %s, want a JSON 401", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// startServer runs `<app> serve` on a free port, in a fresh working directory,
// and waits until /healthz answers.
func startServer(t testing.TB, app *builtApp, sc scenario) *server {
	t.Helper()
	addr := freeAddr(t)
	s := &server{base: "http://" + addr, workDir: t.TempDir(), env: append(os.Environ(), "ENVIRONMENT=development")}
	if sc.db == "postgres" {
		s.env = append(s.env, "DATABASE_URL="+freshSchema(t, postgresURL(t)))
	}
	cmd := exec.Command(app.bin, "serve", "--addr", addr)
	cmd.Dir, cmd.Env = s.workDir, s.env
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("server did not answer on %s within 60s:\n%s", addr, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop = func() {
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server did not exit cleanly on SIGINT: %v\n%s", err, logs.String())
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Errorf("server did not shut down within 15s of SIGINT:\n%s", logs.String())
		}
	}
	return s
}

// manage runs one of the app's management commands beside the running server.
func (s *server) manage(t testing.TB, app *builtApp, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(app.bin, args...)
	cmd.Dir, cmd.Env = s.workDir, s.env
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// freshSchema creates an empty schema for one test and returns a URL whose
// search_path points at it; the schema is dropped when the test ends.
func freshSchema(t testing.TB, baseURL string) string {
	t.Helper()
	db, err := sql.Open("pgx", baseURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	suffix := make([]byte, 6)
	rand.Read(suffix)
	schema := "fastopp_it_" + hex.EncodeToString(suffix)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("cannot create a schema in TEST_DATABASE_URL: %v", err)
	}
	t.Cleanup(func() { db.Exec("DROP SCHEMA " + schema + " CASCADE") })
	u, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
