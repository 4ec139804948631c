//go:build darwin || dragonfly || freebsd || netbsd || openbsd

// macOS and the BSDs: no parent-death signal (the supervisor watches its parent instead), and
// no portable way to list a group's processes.
package generator

import "syscall"

func dieWithParent(*syscall.SysProcAttr, syscall.Signal) {}

// groupProcesses cannot see other processes here; the supervisor has killed them anyway.
func groupProcesses([]int, string) []int { return nil }
