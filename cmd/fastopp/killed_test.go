//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests kill a real `fastopp new` (the test binary run as the command line, see
// TestMain) at well-defined moments, told from its staging folder: the folder appears, and
// its run file lists one process group per program started (go mod tidy or npm install,
// then npm run build; sqlc in `add model`). They read /proc, so they run on Linux.

// fastoppRun is a `fastopp` started as a separate process.
type fastoppRun struct {
	cmd    *exec.Cmd
	out    *syncBuffer // stdout and stderr
	parent string      // the folder the app and its staging folder are in
	exited chan error
}

func startFastopp(t *testing.T, parent string, args ...string) *fastoppRun {
	t.Helper()
	r := &fastoppRun{cmd: exec.Command(os.Args[0], args...), out: &syncBuffer{}, parent: parent, exited: make(chan error, 1)}
	r.cmd.Env = append(os.Environ(), "FASTOPP_TEST_AS_CLI=1")
	r.cmd.Dir = parent
	r.cmd.Stdout, r.cmd.Stderr = r.out, r.out
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.exited <- r.cmd.Wait() }()
	t.Cleanup(func() {
		r.cmd.Process.Kill()
		<-r.exited
		r.exited <- nil
	})
	return r
}

// stage is the run's staging folder, "" while there is none.
func (r *fastoppRun) stage() string {
	matches, _ := filepath.Glob(filepath.Join(r.parent, ".myapp.fastopp-*"))
	if len(matches) != 1 {
		return ""
	}
	return matches[0]
}

// groups are the process groups the run file in the staging folder lists.
func groups(stage string) []int {
	raw, _ := os.ReadFile(filepath.Join(stage, ".fastopp-run"))
	var out []int
	for _, line := range strings.Split(string(raw), "\n") {
		if n, err := strconv.Atoi(strings.TrimPrefix(line, "group ")); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// waitUntil polls cond until it holds, failing the test after timeout.
func waitUntil(t *testing.T, r *fastoppRun, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(timeout); !cond(); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-r.exited:
			r.exited <- err
			t.Fatalf("fastopp ended (%v) before %s:\n%s", err, what, r.out)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s after %s:\n%s", what, timeout, r.out)
		}
	}
}

// waitExit waits for the run to end and returns its exit code.
func (r *fastoppRun) waitExit(t *testing.T) int {
	t.Helper()
	select {
	case err := <-r.exited:
		r.exited <- err
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		return 0
	case <-time.After(10 * time.Second):
		t.Fatalf("fastopp has not ended 10s after it was stopped:\n%s", r.out)
		return 0
	}
}

// liveProcesses lists the processes, zombies left out, that are in one of groups or work
// inside dir (the container's init may not reap orphans, so zombies can stay around).
func liveProcesses(groups []int, dir string) []string {
	entries, _ := os.ReadDir("/proc")
	var found []string
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) < 3 || fields[0] == "Z" {
			continue
		}
		group, _ := strconv.Atoi(fields[2])
		cwd, _ := os.Readlink(filepath.Join("/proc", e.Name(), "cwd"))
		if slices.Contains(groups, group) || cwd == dir || strings.HasPrefix(cwd, dir+"/") {
			cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
			found = append(found, e.Name()+" "+strings.ReplaceAll(string(cmdline), "\x00", " "))
		}
	}
	return found
}

// snapshot lists every path under dir with its size and time, to see whether anything writes.
func snapshot(dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
		}
		return nil
	})
	return b.String()
}

// assertAllStopped checks that, within half a second, no process of the run is left and
// nothing writes into its staging folder any more. (Left to themselves, npm's children would
// finish their work within a second or so: they must be stopped, not waited for.)
func assertAllStopped(t *testing.T, stage string, groups []int) {
	t.Helper()
	var left []string
	start := time.Now()
	for deadline := start.Add(500 * time.Millisecond); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if left = liveProcesses(groups, stage); len(left) == 0 {
			break
		}
	}
	t.Logf("programs gone after %s", time.Since(start))
	if len(left) > 0 {
		t.Fatalf("0.5s after fastopp ended, its programs still run:\n%s", strings.Join(left, "\n"))
	}
	before := snapshot(stage)
	time.Sleep(500 * time.Millisecond)
	if after := snapshot(stage); after != before {
		t.Errorf("something still writes into %s", stage)
	}
}

// phase is a moment in `fastopp new myapp`, told from its staging folder.
type phase struct {
	name   string
	args   []string // after new myapp --yes
	reach  func(stage string) bool
	settle time.Duration // how long to let the phase run before the kill
}

func startedPrograms(n int) func(string) bool {
	return func(stage string) bool { return len(groups(stage)) >= n }
}

var phases = []phase{
	{"writing files", []string{"--skip-tidy"}, func(stage string) bool {
		_, err := os.Stat(filepath.Join(stage, ".fastopp-run"))
		return err == nil
	}, 0},
	// new writes sqlc's code from its cache (sqlccache.go): its first program is go mod tidy,
	// or npm install. A kill during sqlc is TestKilledAddIsCleanedUp's.
	{"go mod tidy", []string{"--skip-assets"}, startedPrograms(1), 100 * time.Millisecond},
	// the compiler and linker that go build starts
	{"go build", []string{"--skip-assets"}, startedPrograms(2), 100 * time.Millisecond},
	{"npm install", []string{"--skip-tidy"}, startedPrograms(1), 700 * time.Millisecond},
	// npm's own children: the shell of the build script and the tailwindcss it starts
	{"npm run build", []string{"--skip-tidy"}, func(stage string) bool {
		return strings.Contains(strings.Join(liveProcesses(groups(stage), "/nowhere"), "\n"), "node_modules/.bin/tailwindcss")
	}, 0},
}

// TestKilledNewLeavesNoProgramAndIsCleanedUp kills `fastopp new` with SIGKILL at each phase:
// its programs must die with it at once, and the next `fastopp new` removes its staging
// folder, says so and succeeds.
func TestKilledNewLeavesNoProgramAndIsCleanedUp(t *testing.T) {
	skipWithoutNpm(t)
	for _, ph := range phases {
		t.Run(ph.name, func(t *testing.T) {
			parent := t.TempDir()
			r := startFastopp(t, parent, append([]string{"new", "myapp", "--yes"}, ph.args...)...)
			waitUntil(t, r, 30*time.Second, "staging folder at "+ph.name, func() bool {
				return r.stage() != "" && ph.reach(r.stage())
			})
			stage := r.stage()
			time.Sleep(ph.settle)
			r.cmd.Process.Signal(syscall.SIGKILL)
			if code := r.waitExit(t); code != -1 {
				t.Skipf("fastopp ended (exit %d) before the kill:\n%s", code, r.out)
			}
			assertAllStopped(t, stage, groups(stage))

			out, stderr, err := execute(t, environment{}, "new", "myapp", "--dir", filepath.Join(parent, "myapp"), "--skip-tidy", "--skip-assets")
			if err != nil {
				t.Fatalf("the next fastopp new failed: %v\n%s", err, stderr)
			}
			if want := "Removed an interrupted run's staging folder " + stage; !strings.Contains(out, want) {
				t.Errorf("the next fastopp new did not say %q:\n%s", want, out)
			}
			if entries, _ := filepath.Glob(filepath.Join(parent, ".myapp.fastopp-*")); len(entries) > 0 {
				t.Errorf("staging folders left: %v", entries)
			}
			if _, err := os.Stat(filepath.Join(parent, "myapp", "main.go")); err != nil {
				t.Errorf("the next fastopp new made no app: %v", err)
			}
		})
	}
}

// TestKilledAddIsCleanedUp kills `fastopp add model` while sqlc runs in its staging folder
// beside the app: the next `fastopp add` removes the folder and says so.
func TestKilledAddIsCleanedUp(t *testing.T) {
	parent := t.TempDir()
	app := filepath.Join(parent, "myapp")
	if _, stderr, err := execute(t, environment{}, "new", "myapp", "--dir", app, "--skip-tidy", "--skip-assets"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	before := snapshot(app)
	r := startFastopp(t, parent, "add", "model", "Book", "title:string", "--dir", app)
	waitUntil(t, r, 30*time.Second, "sqlc", func() bool { return r.stage() != "" && len(groups(r.stage())) >= 1 })
	stage := r.stage()
	r.cmd.Process.Signal(syscall.SIGKILL)
	if code := r.waitExit(t); code != -1 {
		t.Skipf("fastopp ended (exit %d) before the kill:\n%s", code, r.out)
	}
	assertAllStopped(t, stage, groups(stage))
	if snapshot(app) != before {
		t.Error("the killed add changed the app")
	}
	out, stderr, err := execute(t, environment{}, "add", "page", "about", "--dir", app)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(out, "Removed an interrupted run's staging folder "+stage) {
		t.Errorf("the next add did not say it removed %s:\n%s", stage, out)
	}
	if _, err := os.Stat(stage); !os.IsNotExist(err) {
		t.Errorf("%s is left: %v", stage, err)
	}
}

// TestLiveRunIsLeftAloneAndCtrlCStopsIt runs `fastopp add` while a `fastopp new --force` of
// the same app is in npm install: add must leave the live run's staging folder alone. Then
// Ctrl-C stops the run: it says so, exits 130, and leaves no program and no folder behind.
func TestLiveRunIsLeftAloneAndCtrlCStopsIt(t *testing.T) {
	skipWithoutNpm(t)
	parent := t.TempDir()
	app := filepath.Join(parent, "myapp")
	if _, stderr, err := execute(t, environment{}, "new", "myapp", "--dir", app, "--skip-tidy", "--skip-assets"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	r := startFastopp(t, parent, "new", "myapp", "--yes", "--force", "--skip-tidy")
	waitUntil(t, r, 30*time.Second, "npm install", func() bool {
		_, err := os.Stat(filepath.Join(r.stage(), "node_modules"))
		return r.stage() != "" && err == nil
	})
	stage := r.stage()

	out, stderr, err := execute(t, environment{}, "add", "page", "about", "--dir", app)
	if err != nil {
		t.Fatalf("add page beside a live run: %v\n%s", err, stderr)
	}
	added := snapshot(app)
	if strings.Contains(out, "Removed") {
		t.Errorf("add removed a live run's folder:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(stage, ".fastopp-run")); err != nil {
		t.Fatalf("the live run's staging folder was touched: %v", err)
	}

	running := groups(stage)
	r.cmd.Process.Signal(os.Interrupt)
	if code := r.waitExit(t); code != 130 {
		t.Errorf("exit code after Ctrl-C = %d, want 130:\n%s", code, r.out)
	}
	msg := r.out.String()
	if !strings.Contains(msg, "fastopp: interrupted; nothing was written") || strings.Contains(msg, "failed") || strings.Contains(msg, "signal") {
		t.Errorf("Ctrl-C's message should say it was interrupted, and nothing about a failure:\n%s", msg)
	}
	if _, err := os.Stat(stage); !os.IsNotExist(err) {
		t.Errorf("the staging folder is left after Ctrl-C: %v", err)
	}
	assertAllStopped(t, stage, running)
	if snapshot(app) != added {
		t.Error("the interrupted run changed the app")
	}
}

// TestCtrlCDuringSqlc interrupts `fastopp add model` while sqlc runs (new writes sqlc's code
// from its cache): the message must not be that sqlc failed, and the app is left as it was.
func TestCtrlCDuringSqlc(t *testing.T) {
	parent := t.TempDir()
	app := filepath.Join(parent, "myapp")
	if _, stderr, err := execute(t, environment{}, "new", "myapp", "--dir", app, "--skip-tidy", "--skip-assets"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	before := snapshot(app)
	r := startFastopp(t, parent, "add", "model", "Book", "title:string", "--dir", app)
	waitUntil(t, r, 30*time.Second, "sqlc", func() bool { return r.stage() != "" && len(groups(r.stage())) >= 1 })
	stage := r.stage()
	r.cmd.Process.Signal(syscall.SIGTERM)
	code := r.waitExit(t)
	if code == 0 {
		t.Skipf("fastopp finished before the signal:\n%s", r.out)
	}
	// The output is the step's progress, marked stopped, and then the one message.
	out := strings.TrimSpace(r.out.String())
	if code != 128+int(syscall.SIGTERM) || !strings.HasSuffix(out, "\nfastopp: interrupted; nothing was written") ||
		!strings.Contains(out, "stopped after") || strings.Contains(out, "failed") {
		t.Errorf("exit %d, output:\n%s\nwant exit 143, the step stopped and then: fastopp: interrupted; nothing was written", code, r.out)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left behind besides the app: %v", entries)
	}
	if snapshot(app) != before {
		t.Error("the interrupted add changed the app")
	}
	assertAllStopped(t, stage, nil)
}

// TestLeftoverProgramsOfAKilledRunAreKilled makes the remains of a run killed with its
// supervisor: a staging folder whose run file lists a group with a program still working in
// it. The next `fastopp new` kills that program, but not a process of the same group number
// that works elsewhere (a group number can be reused once the group is gone).
func TestLeftoverProgramsOfAKilledRunAreKilled(t *testing.T) {
	parent := t.TempDir()
	stage := filepath.Join(parent, ".myapp.fastopp-12345")
	if err := os.MkdirAll(filepath.Join(stage, "node_modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	leftover := exec.Command("sleep", "60")
	leftover.Dir = filepath.Join(stage, "node_modules")
	leftover.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := leftover.Start(); err != nil {
		t.Fatal(err)
	}
	defer leftover.Process.Kill()
	elsewhere := exec.Command("sleep", "60")
	elsewhere.Dir = t.TempDir()
	elsewhere.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pgid: leftover.Process.Pid}
	if err := elsewhere.Start(); err != nil {
		t.Fatal(err)
	}
	defer elsewhere.Process.Kill()
	run := fmt.Sprintf("fastopp run, process 1, started %s\ngroup %d\n", time.Now().Format(time.RFC3339), leftover.Process.Pid)
	if err := os.WriteFile(filepath.Join(stage, ".fastopp-run"), []byte(run), 0o644); err != nil {
		t.Fatal(err)
	}

	out, stderr, err := execute(t, environment{}, "new", "myapp", "--dir", filepath.Join(parent, "myapp"), "--skip-tidy", "--skip-assets")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(out, "Removed an interrupted run's staging folder "+stage) {
		t.Errorf("no word of the removed folder:\n%s", out)
	}
	done := make(chan error, 1)
	go func() { done <- leftover.Wait() }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Error("the leftover program in the staging folder still runs")
	}
	if err := elsewhere.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("a process of the same group working elsewhere was killed: %v", err)
	}
}

func skipWithoutNpm(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		if inCI() {
			t.Fatal("npm is not installed; CI must test what a killed npm install leaves")
		}
		t.Skip("npm is not installed")
	}
	if testing.Short() {
		t.Skip("-short: npm install takes seconds")
	}
}

// syncBuffer is a bytes.Buffer that a test may read while the process still writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
