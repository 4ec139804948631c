package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fastopp/fastopp/generator"
)

// TestNewShowsItsStepsWithoutATerminal: a run without a terminal (tests, CI, a pipe) shows
// each step as plain lines, before "Created".
func TestNewShowsItsStepsWithoutATerminal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "myapp")
	out, stderr, err := execute(t, environment{}, "new", "myapp", "--dir", dir, "--skip-tidy", "--skip-assets")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	want := regexp.MustCompile(`(?m)^\[1/1\] sqlc generate \(query code in internal/models\) \.\.\.\n      done in [0-9]+\.[0-9]s\nCreated `)
	if !want.MatchString(out) {
		t.Errorf("the output does not show the sqlc step:\n%s", out)
	}
	if strings.ContainsAny(out, "\r\033") {
		t.Errorf("output without a terminal holds terminal codes: %q", out)
	}
}

// TestNewCompilesUnlessSkipped: new ends with one compile, which --skip-build leaves out, and
// --skip-tidy too (the compile needs the go.sum that tidy writes).
func TestNewCompilesUnlessSkipped(t *testing.T) {
	for _, tt := range []struct {
		flags []string
		build bool
	}{
		{nil, true},
		{[]string{"--skip-build"}, false},
		{[]string{"--skip-tidy"}, false},
	} {
		dir := filepath.Join(t.TempDir(), "myapp")
		args := append([]string{"new", "myapp", "--dir", dir, "--dry-run", "--skip-assets"}, tt.flags...)
		out, _, err := execute(t, environment{}, args...)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out, "run       "+generator.BuildStepName); got != tt.build {
			t.Errorf("new %v: plan compiles %v, want %v:\n%s", tt.flags, got, tt.build, out)
		}
	}
	f := &newFlags{opts: generator.NewOptions{Name: "shop", DB: "sqlite", Features: []string{"demo"}, SkipBuild: true}}
	if got := equivalentCommand(f); !strings.HasSuffix(got, " --skip-build") {
		t.Errorf("the equivalent command drops --skip-build: %q", got)
	}
}

// TestLiveProgressOnlyOnATerminalWithoutNoColor: the redrawn line with a spinner needs a
// terminal; NO_COLOR (any value) and TERM=dumb ask for plain lines.
func TestLiveProgressOnlyOnATerminalWithoutNoColor(t *testing.T) {
	for _, tt := range []struct {
		terminal bool
		env      map[string]string
		want     bool
	}{
		{true, map[string]string{"TERM": "xterm-256color"}, true},
		{true, nil, true},
		{false, map[string]string{"TERM": "xterm-256color"}, false},
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{true, map[string]string{"NO_COLOR": "yes", "TERM": "xterm"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
	} {
		getenv := func(k string) string { return tt.env[k] }
		if got := liveProgress(tt.terminal, getenv); got != tt.want {
			t.Errorf("terminal %v, env %v: live %v, want %v", tt.terminal, tt.env, got, tt.want)
		}
	}
}

// TestNewHelpListsTheFeatures: new --help names every optional feature of templates/, with
// its summary, and the flag lists the names.
func TestNewHelpListsTheFeatures(t *testing.T) {
	out, _, err := execute(t, environment{}, "new", "--help")
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(out), " ")
	names := optionalFeatures()
	if len(names) < 4 {
		t.Fatalf("optional features: %v", names)
	}
	if !strings.Contains(flat, "(default: all): "+strings.Join(names, ", ")) {
		t.Errorf("the --features flag does not list %v:\n%s", names, out)
	}
	for _, name := range names {
		if !regexp.MustCompile(`(?m)^  ` + name + ` +[A-Z]`).MatchString(out) {
			t.Errorf("new --help has no line for the feature %s:\n%s", name, out)
		}
	}
	if !strings.Contains(flat, "(needs auth and a database)") {
		t.Errorf("new --help does not say what admin needs:\n%s", out)
	}
}

// TestDryRunFailsAsTheRealRunWould: a dry run that lists conflicts exits with the code of
// the real run (1), and says it would be refused.
func TestDryRunFailsAsTheRealRunWould(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "myapp")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"new", "myapp", "--dir", dir, "--skip-tidy", "--skip-assets"}
	out, _, dryErr := execute(t, environment{}, append(args, "--dry-run")...)
	_, _, realErr := execute(t, environment{}, args...)
	if dryErr == nil || realErr == nil || dryErr.Error() != realErr.Error() {
		t.Errorf("dry run: %v; real run: %v; want the same refusal", dryErr, realErr)
	}
	if !strings.Contains(out, "would be refused") || !strings.Contains(out, "conflict") {
		t.Errorf("the dry run does not say it would be refused:\n%s", out)
	}
}

// TestRootReadmeInstallsFromAClone runs the README's install line for a clone, as a student
// would in the clone's folder, then the fastopp it installs inside a new app, then the app
// README's line that runs fastopp from the app's folder without installing it.
func TestRootReadmeInstallsFromAClone(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: go install builds fastopp")
	}
	readme := readFile(t, filepath.Join(repoRoot(t), "README.md"))
	_, install, _ := strings.Cut(readme, "## Install\n")
	m := regexp.MustCompile("(?s)```sh\n(.*?)\n```").FindStringSubmatch(install)
	if m == nil || m[1] != "CGO_ENABLED=0 go install ./cmd/fastopp" {
		t.Fatalf("the README's first install command is %q, want the one for a clone", m)
	}
	if !strings.Contains(install, "go install github.com/fastopp/fastopp/cmd/fastopp@latest") {
		t.Error("the README lacks the install command for once fastopp is published")
	}
	bin := t.TempDir()
	env := append(os.Environ(), "GOBIN="+bin, "CGO_ENABLED=0")
	if out, err := runIn(repoRoot(t), env, "go", "install", "./cmd/fastopp"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out, err := runIn(t.TempDir(), env, filepath.Join(bin, "fastopp"), "version")
	if err != nil || !strings.HasPrefix(out, "fastopp ") {
		t.Errorf("the installed fastopp: %v\n%s", err, out)
	}
	parent := t.TempDir()
	app := filepath.Join(parent, "myapp")
	if out, err := runIn(parent, env, filepath.Join(bin, "fastopp"), "new", "myapp", "--yes", "--db", "none", "--minimal", "--skip-tidy", "--skip-assets"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if out, err := runIn(app, env, filepath.Join(bin, "fastopp"), "add", "page", "about"); err != nil {
		t.Fatalf("the installed fastopp inside the app: %v\n%s", err, out)
	}
	appReadme := readFile(t, filepath.Join(app, "README.md"))
	m = regexp.MustCompile("`(CGO_ENABLED=0 go run -C \\.\\./fastopp [^`]*)`").FindStringSubmatch(appReadme)
	if m == nil {
		t.Fatal("the app README has no go run -C line")
	}
	line := strings.ReplaceAll(m[1], "../fastopp", repoRoot(t))
	line = strings.ReplaceAll(strings.ReplaceAll(line, "about", "contact"), `"$PWD"`, app)
	args := strings.Fields(strings.TrimPrefix(line, "CGO_ENABLED=0 "))
	if out, err := runIn(app, env, args[0], args[1:]...); err != nil {
		t.Fatalf("the app README's go run line: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(app, "internal", "pages", "contact.go")); err != nil {
		t.Errorf("the app README's go run line added no page: %v", err)
	}
}

// TestNewSaysHowToStartTheApp: the last lines of new are the commands that start the app,
// go mod tidy first when --skip-tidy left it, with what the first run shows and costs.
func TestNewSaysHowToStartTheApp(t *testing.T) {
	for _, tt := range []struct {
		flags         []string
		want, notWant []string
	}{
		{[]string{"--skip-tidy"}, []string{"  go mod tidy ", "  go run . serve    # then open http://localhost:8000; the first run prints how to log in\n", "about a minute"}, nil},
		{[]string{"--skip-tidy", "--db", "none", "--minimal"}, []string{"  go mod tidy ", "http://localhost:8000\n"}, []string{"log in"}},
	} {
		dir := filepath.Join(t.TempDir(), "myapp")
		out, stderr, err := execute(t, environment{}, append([]string{"new", "myapp", "--dir", dir, "--skip-assets"}, tt.flags...)...)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		_, next, _ := strings.Cut(out, "Run it:\n  cd "+dir+"\n")
		for _, want := range tt.want {
			if !strings.Contains(next, want) {
				t.Errorf("new %v: the closing lines lack %q:\n%s", tt.flags, want, out)
			}
		}
		for _, notWant := range tt.notWant {
			if strings.Contains(next, notWant) {
				t.Errorf("new %v: the closing lines hold %q:\n%s", tt.flags, notWant, out)
			}
		}
	}
}
