package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fastopp/fastopp/generator"
	"github.com/fastopp/fastopp/templates"
)

var update = flag.Bool("update", false, "rewrite the golden trees under testdata/ and the example under examples/")

// TestMain lets the test binary stand in for fastopp when fastopp runs itself (sqlc and the
// supervisor, see sqlc.go and main.go), and when a test runs it as the command line
// (runAsFastopp), which saves building fastopp apart.
func TestMain(m *testing.M) {
	if code, ok := runHidden(os.Args[1:]); ok {
		os.Exit(code)
	}
	if os.Getenv("FASTOPP_TEST_AS_CLI") != "" {
		os.Exit(run(os.Args[1:]))
	}
	code := m.Run()
	if appsRoot != "" {
		os.RemoveAll(appsRoot)
	}
	os.Exit(code)
}

// repoRoot is the root of this repository (tests run in cmd/fastopp).
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// inCI reports whether the tests run in CI, where a missing service is a failure.
func inCI() bool { return os.Getenv("CI") != "" }

// execute runs the fastopp command line in-process, as a user would type it.
func execute(t testing.TB, env environment, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd(env)
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errOut)
	err = root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func TestVersion(t *testing.T) {
	out, _, err := execute(t, environment{}, "version")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fastopp dev", "commit ", "go1."} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func TestNewWithoutTerminalNeverAsks(t *testing.T) {
	_, _, err := execute(t, environment{interactive: false}, "new")
	if err == nil || !strings.Contains(err.Error(), "fastopp new myapp") {
		t.Fatalf("error = %v, want a hint to pass a name", err)
	}
}

func TestNewBadInputWritesNothing(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
	}{
		{[]string{"new", "func"}, "Go keyword"},
		{[]string{"new", "../up"}, "plain name"},
		{[]string{"new", "app", "--module", "not a path"}, "module path"},
		{[]string{"new", "app", "--features", "teleport"}, `unknown feature "teleport"`},
		{[]string{"new", "app", "--db", "mongo"}, "unknown database"},
		{[]string{"new", "app", "--minimal", "--features", "demo"}, "cannot be used together"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		args := append(tt.args, "--dir", filepath.Join(dir, "out"), "--yes")
		_, _, err := execute(t, environment{}, args...)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%v: error = %v, want %q", tt.args, err, tt.wantErr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%v: wrote %v", tt.args, entries)
		}
	}
}

func TestNewDryRunPrintsPlan(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "myapp")
	out, _, err := execute(t, environment{}, "new", "myapp", "--dir", dir, "--dry-run", "--skip-assets")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"nothing was written", filepath.Join(dir, "main.go"), "run       sqlc generate", "run       go mod tidy"} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("dry run wrote the app")
	}
}

func TestEquivalentCommand(t *testing.T) {
	f := &newFlags{opts: generator.NewOptions{Name: "shop", Module: "example.com/shop", DB: "postgres", Features: []string{"demo"}}}
	if got, want := equivalentCommand(f), "fastopp new shop --module example.com/shop --db postgres --features demo"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	f.opts.Features = []string{}
	f.opts.SkipAssets = true
	if got := equivalentCommand(f); !strings.HasSuffix(got, "--minimal --skip-assets") {
		t.Errorf("no features must read --minimal, and skips must be kept: %q", got)
	}
}

func TestTemplatesLoad(t *testing.T) {
	reg, err := generator.LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"core", "database", "sqlite", "postgres"} {
		if reg.Feature(name) == nil {
			t.Errorf("feature %s is missing from templates/", name)
		}
	}
}
