// Linux: the parent-death signal, and the processes of a group, read from /proc.
package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// dieWithParent asks the system to send signal to the child when the thread that started it
// ends (RunChild keeps that thread for as long as the child runs).
func dieWithParent(attr *syscall.SysProcAttr, signal syscall.Signal) { attr.Pdeathsig = signal }

// groupProcesses lists the live processes (not zombies) of the given groups; with within set,
// only those whose working directory is within that folder.
func groupProcesses(groups []int, within string) []int {
	if within != "" { // as /proc shows a working directory: absolute, without symbolic links
		within, _ = filepath.Abs(within)
		if resolved, err := filepath.EvalSymlinks(within); err == nil {
			within = resolved
		}
	}
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue // it has ended
		}
		// pid (command) state ppid pgrp ...: the command may hold spaces and parentheses.
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) < 3 || fields[0] == "Z" {
			continue
		}
		if group, _ := strconv.Atoi(fields[2]); !slices.Contains(groups, group) {
			continue
		}
		if within != "" {
			cwd, err := os.Readlink(filepath.Join("/proc", e.Name(), "cwd"))
			if err != nil || (cwd != within && !strings.HasPrefix(cwd, within+string(filepath.Separator))) {
				continue
			}
		}
		pids = append(pids, pid)
	}
	return pids
}
