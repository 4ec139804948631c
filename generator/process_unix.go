//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

// Process groups, the supervisor and file locks on Linux, macOS and the BSDs.
package generator

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

const canSupervise = true

// startInOwnGroup makes cmd the leader of a new process group, so that it and everything it
// starts can be killed at once, and asks the system to signal it when fastopp dies: SIGTERM
// to a supervisor, which then kills its group; SIGKILL to any other program.
func startInOwnGroup(cmd *exec.Cmd, supervised bool) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	signal := syscall.SIGKILL
	if supervised {
		signal = syscall.SIGTERM
	}
	dieWithParent(cmd.SysProcAttr, signal)
}

// killGroup kills every process of the group that p leads.
func killGroup(p *os.Process) { syscall.Kill(-p.Pid, syscall.SIGKILL) }

// killLeftovers kills what is left of the group of p, which has ended. The group's number is
// not given to another group while any process of it lives.
func killLeftovers(p *os.Process) { syscall.Kill(-p.Pid, syscall.SIGKILL) }

func killProcess(pid int) { syscall.Kill(pid, syscall.SIGKILL) }

// openLockable opens (or with create, creates empty) a file to lock with lockFile.
func openLockable(path string, create bool) (*os.File, error) {
	flag := os.O_RDWR
	if create {
		flag |= os.O_CREATE | os.O_TRUNC
	}
	return os.OpenFile(path, flag, 0o644)
}

// lockFile takes an exclusive lock on f without waiting; the system drops it when the
// process that holds it ends, however it ends.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// Supervise is `fastopp __supervise FASTOPP-PID PROGRAM ARGS...`: it runs PROGRAM and returns
// its exit code. If fastopp ends first (the system sends SIGTERM on Linux; elsewhere the
// parent process changes), it kills its whole process group: PROGRAM and all it started.
func Supervise(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: fastopp "+SuperviseCommand+" FASTOPP-PID PROGRAM [ARGS...]")
		return 2
	}
	parent, err := strconv.Atoi(args[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, "fastopp "+SuperviseCommand+": FASTOPP-PID must be a number")
		return 2
	}
	ended := make(chan os.Signal, 1)
	signal.Notify(ended, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	// Kill the group only if this supervisor leads it, as RunChild makes it: a supervisor
	// started by hand from a shell must not kill the shell.
	killAll := func() int {
		if syscall.Getpgrp() == os.Getpid() {
			syscall.Kill(0, syscall.SIGKILL)
		}
		return 1
	}
	cmd := exec.Command(args[1], args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	dieWithParent(cmd.SysProcAttr, syscall.SIGKILL) // should the supervisor itself be killed
	runtime.LockOSThread()                          // see RunChild
	if os.Getppid() != parent {
		return killAll() // fastopp ended before this supervisor started
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 127
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	tick := time.NewTicker(100 * time.Millisecond)
	for {
		select {
		case <-exited:
			return exitCode(cmd.ProcessState)
		case <-ended:
			return killAll()
		case <-tick.C:
			if os.Getppid() != parent {
				return killAll()
			}
		}
	}
}

// exitCode is a finished program's exit code, the shell's 128+N for a signal N.
func exitCode(state *os.ProcessState) int {
	if status, ok := state.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		return 128 + int(status.Signal())
	}
	return state.ExitCode()
}
