package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// fakeProgram writes a shell script that stands for go and npm: it sleeps a moment and fails
// when its first argument is fail.
func fakeProgram(t *testing.T, fail string) func(string) (string, error) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake programs are shell scripts")
	}
	script := filepath.Join(t.TempDir(), "program")
	body := "#!/bin/sh\nsleep 0.05\n[ \"$1\" = \"" + fail + "\" ] && { echo \"$1 broke\"; exit 2; }\nexit 0\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return func(string) (string, error) { return script, nil }
}

// withEverySteps is a template tree whose app has every step of new: sqlc, tidy, npm, build.
func withEverySteps() fstest.MapFS {
	fsys := testTemplates()
	fsys["database/sqlc.yaml"] = &fstest.MapFile{Data: []byte("version: \"2\"\n")}
	fsys["core/package.json"] = &fstest.MapFile{Data: []byte("{}")}
	return fsys
}

// TestNewShowsEveryStepWithoutATerminal: without a terminal each step is a plain line when it
// starts and one with its time when it ends, nothing else (no spinner, no escape codes).
func TestNewShowsEveryStepWithoutATerminal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop")
	var out bytes.Buffer
	tools := Tools{
		SQLC:     func(context.Context, string) error { return nil },
		LookPath: fakeProgram(t, "nothing fails"),
		Progress: Progress{Out: &out},
	}
	o := NewOptions{Name: "shop", DB: DBSQLite, Dir: dir}
	if _, err := New(t.Context(), withEverySteps(), o, tools, &out); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`[1/5] sqlc generate (query code in internal/models) ...`,
		`[2/5] go mod tidy ...`,
		`[3/5] npm install ...`,
		`[4/5] npm run build ...`,
		`[5/5] ` + BuildStepName + ` ...`,
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2*len(want) {
		t.Fatalf("want a line at the start and at the end of each of %d steps, got:\n%s", len(want), out.String())
	}
	done := regexp.MustCompile(`^      done in [0-9]+\.[0-9]s$`)
	for i, w := range want {
		if lines[2*i] != w || !done.MatchString(lines[2*i+1]) {
			t.Errorf("step %d: got %q then %q, want %q then \"      done in N.Ns\"", i+1, lines[2*i], lines[2*i+1], w)
		}
	}
	if strings.ContainsAny(out.String(), "\r\033") {
		t.Errorf("plain output holds terminal codes: %q", out.String())
	}
}

// TestNewFailedBuildLeavesNothing: when the compile fails, the run says which step failed and
// what it printed, and neither the app nor its staging folder is left.
func TestNewFailedBuildLeavesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop")
	var out bytes.Buffer
	tools := Tools{LookPath: fakeProgram(t, "build"), Progress: Progress{Out: &out}}
	o := NewOptions{Name: "shop", DB: DBSQLite, Dir: dir, SkipAssets: true}
	_, err := New(t.Context(), withEverySteps(), o, tools, &out)
	if err == nil || !strings.Contains(err.Error(), "go build") || !strings.Contains(err.Error(), "build broke") || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("error = %v, want the failed build, what it printed, and that nothing was written", err)
	}
	if !strings.Contains(out.String(), "[2/2] "+BuildStepName+" ...\n      failed after ") {
		t.Errorf("the progress does not show the failed step:\n%s", out.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists after a failed build", dir)
	}
	assertNoStaging(t, filepath.Dir(dir))
}

// TestLiveProgressRedrawsOneLine: on a terminal a step is one line, redrawn with a spinner
// and the seconds so far, ended with its result and a newline.
func TestLiveProgressRedrawsOneLine(t *testing.T) {
	var out syncWriter
	done := Progress{Out: &out, Live: true, Tick: time.Millisecond}.track(2, 3, "npm install")
	for deadline := time.Now().Add(5 * time.Second); strings.Count(out.String(), "\r") < 3 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	done(nil)
	got := out.String()
	frames := strings.Split(got, "\r\033[K")
	if len(frames) < 4 {
		t.Fatalf("want the line redrawn several times, got %q", got)
	}
	for _, f := range frames[1 : len(frames)-1] {
		if !regexp.MustCompile(`^[|/\\-] \[2/3\] npm install  [0-9]+\.[0-9]s$`).MatchString(f) {
			t.Errorf("frame %q is not a spinner, the step and its seconds", f)
		}
	}
	if last := frames[len(frames)-1]; !regexp.MustCompile(`^ok \[2/3\] npm install  [0-9]+\.[0-9]s\n$`).MatchString(last) {
		t.Errorf("last frame %q, want ok, the step, its time and a newline", last)
	}
	before := out.String()
	time.Sleep(10 * time.Millisecond)
	if out.String() != before {
		t.Error("the line is still redrawn after the step ended")
	}

	var narrow syncWriter
	Progress{Out: &narrow, Live: true, Width: 30}.track(5, 5, BuildStepName)(nil)
	for _, line := range strings.Split(narrow.String(), "\r\033[K")[1:] {
		if len(strings.TrimSuffix(line, "\n")) >= 30 {
			t.Errorf("a live line %q is wider than the terminal's 30 characters", line)
		}
	}

	var failed syncWriter
	Progress{Out: &failed, Live: true}.track(1, 1, "go build")(os.ErrInvalid)
	if !strings.HasSuffix(failed.String(), "\r\033[Kfailed [1/1] go build  0.0s\n") {
		t.Errorf("a failed step ends %q", failed.String())
	}

	// A step stopped by Ctrl-C did not fail: it says so, live and in plain lines.
	var stopped, plain syncWriter
	Progress{Out: &stopped, Live: true}.track(1, 1, "go build")(errStopped)
	Progress{Out: &plain}.track(1, 1, "go build")(errStopped)
	if !strings.HasSuffix(stopped.String(), "\r\033[Kstopped [1/1] go build  0.0s\n") || !strings.Contains(plain.String(), "      stopped after ") {
		t.Errorf("a stopped step ends %q (live) and %q (plain)", stopped.String(), plain.String())
	}
}

// syncWriter is a bytes.Buffer that the drawing goroutine and the test may use at once.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
