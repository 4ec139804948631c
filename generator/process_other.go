//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || windows)

// Other systems: programs run plainly, and staging folders are never proven abandoned.
package generator

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

const canSupervise = false

func startInOwnGroup(*exec.Cmd, bool) {}

func killGroup(p *os.Process) { p.Kill() }

// killLeftovers does nothing: once p has ended, its process number may belong to another.
func killLeftovers(*os.Process) {}

func killProcess(int) {}

func groupProcesses([]int, string) []int { return nil }

// openLockable opens (or with create, creates empty) a file to lock with lockFile.
func openLockable(path string, create bool) (*os.File, error) {
	flag := os.O_RDWR
	if create {
		flag |= os.O_CREATE | os.O_TRUNC
	}
	return os.OpenFile(path, flag, 0o644)
}

func lockFile(*os.File) error { return errors.ErrUnsupported }

func Supervise([]string) int {
	fmt.Fprintln(os.Stderr, "fastopp "+SuperviseCommand+" is not used on this system")
	return 2
}
