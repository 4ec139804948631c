// Windows: a process group of its own for each program, taskkill for the tree it started, and
// file locks that the system drops when their process ends.
package generator

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"

	"golang.org/x/sys/windows"
)

// canSupervise is false: Windows has no parent-death signal to build a supervisor on.
const canSupervise = false

func startInOwnGroup(cmd *exec.Cmd, _ bool) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.CreationFlags |= syscall.CREATE_NEW_PROCESS_GROUP
}

// killGroup kills p and every process it started.
func killGroup(p *os.Process) {
	if exec.Command("taskkill", "/T", "/F", "/PID", strconv.Itoa(p.Pid)).Run() != nil {
		p.Kill()
	}
}

// killLeftovers does nothing: once p has ended, its process number may belong to another.
func killLeftovers(*os.Process) {}

func killProcess(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}

func groupProcesses([]int, string) []int { return nil }

// lockFile takes an exclusive lock on f without waiting.
func lockFile(f *os.File) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &windows.Overlapped{})
}

// Supervise is not used on Windows (canSupervise is false).
func Supervise([]string) int {
	fmt.Fprintln(os.Stderr, "fastopp "+SuperviseCommand+" is not used on Windows")
	return 2
}
