package generator

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for fastopp as the supervisor (RunChild's
// supervisor argument is then this binary).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == SuperviseCommand {
		os.Exit(Supervise(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// alive reports whether process pid runs (a zombie does not).
func alive(pid int) bool {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	_, state, _ := strings.Cut(string(stat[bytes.LastIndexByte(stat, ')'):]), " ")
	return !strings.HasPrefix(state, "Z")
}

// TestRunChildStopsWhatItStarted runs a shell that starts a grandchild, with and without a
// supervisor: when the context ends (Ctrl-C), and when the shell ends by itself, nothing it
// started is left running.
func TestRunChildStopsWhatItStarted(t *testing.T) {
	for _, supervisor := range []string{"", os.Args[0]} {
		for _, tt := range []struct {
			name, script string
			cancel       bool
		}{
			{"cancelled", "sleep 60 & echo $! > grandchild; wait", true},
			{"left behind", "sleep 60 & echo $! > grandchild", false},
		} {
			t.Run(tt.name+" supervised="+strconv.FormatBool(supervisor != ""), func(t *testing.T) {
				dir := t.TempDir()
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				cmd := exec.Command("sh", "-c", tt.script)
				cmd.Dir = dir
				done := make(chan error, 1)
				go func() { done <- RunChild(ctx, cmd, supervisor) }()
				var pid int
				for deadline := time.Now().Add(5 * time.Second); pid == 0; time.Sleep(10 * time.Millisecond) {
					raw, _ := os.ReadFile(filepath.Join(dir, "grandchild"))
					pid, _ = strconv.Atoi(strings.TrimSpace(string(raw)))
					if time.Now().After(deadline) {
						t.Fatal("the grandchild did not start")
					}
				}
				if tt.cancel {
					cancel()
				}
				select {
				case err := <-done:
					if tt.cancel == (err == nil) {
						t.Errorf("RunChild = %v", err)
					}
				case <-time.After(5 * time.Second):
					t.Fatal("RunChild did not return")
				}
				if alive(pid) {
					syscall.Kill(pid, syscall.SIGKILL)
					t.Error("the grandchild still runs")
				}
			})
		}
	}
}

// TestSupervisedProgramReportsAsItself checks that the supervisor passes a program's output
// and exit code through, so that a failing step reads as before.
func TestSupervisedProgramReportsAsItself(t *testing.T) {
	cmd := exec.Command("sh", "-c", "echo oops; echo more >&2; exit 3")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := RunChild(t.Context(), cmd, os.Args[0])
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Errorf("error = %v, want exit status 3", err)
	}
	if out.String() != "oops\nmore\n" {
		t.Errorf("output = %q", out.String())
	}
}
