// The programs fastopp runs (sqlc, go mod tidy, npm install, npm run build) stop when fastopp
// stops, however it stops. Each runs in a process group of its own, under a small supervisor
// (this same binary, started as `fastopp __supervise`) that kills the whole group, npm's own
// children included, as soon as fastopp is gone: on Ctrl-C, and after `kill -9` too. (On
// Windows a job object does that work.) The platform parts are in process_unix.go,
// process_linux.go, process_bsd.go, process_windows.go and process_other.go.
package generator

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"time"
)

// SuperviseCommand is the hidden first argument that makes the fastopp binary a supervisor:
// `fastopp __supervise FASTOPP-PID PROGRAM ARGS...` runs PROGRAM and, once the fastopp process
// FASTOPP-PID has ended, kills PROGRAM and everything it started. Run it through Supervise.
const SuperviseCommand = "__supervise"

// RunChild runs cmd and waits for it. It kills cmd and everything cmd started when ctx ends,
// and, if fastopp itself is killed, the system or the supervisor kills them. supervisor is
// the path of the fastopp binary, which runs cmd under `fastopp __supervise`; "" starts cmd
// directly, so that only cmd itself dies with fastopp. cmd must not have been started.
func RunChild(ctx context.Context, cmd *exec.Cmd, supervisor string) error {
	if cmd.Err != nil {
		return cmd.Err
	}
	if supervisor != "" && canSupervise {
		cmd.Args = append([]string{supervisor, SuperviseCommand, strconv.Itoa(os.Getpid()), cmd.Path}, cmd.Args[1:]...)
		cmd.Path = supervisor
	}
	startInOwnGroup(cmd, supervisor != "" && canSupervise)
	// Output goes through pipes; should a killed program's descendant hold one open, do not
	// wait for it longer than this.
	cmd.WaitDelay = 2 * time.Second
	// On Linux the parent-death signal fires when the thread that started the child ends, not
	// when the process does: keep this goroutine on its thread until the child is done.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cmd.Start(); err != nil {
		return err
	}
	recordGroup(cmd.Dir, cmd.Process.Pid)
	stop := context.AfterFunc(ctx, func() { killGroup(cmd.Process) })
	err := cmd.Wait()
	if !stop() { // ctx ended and the group was killed: let its last processes go before returning
		waitGone([]int{cmd.Process.Pid}, "")
	}
	// A program may leave something running behind it (a watcher, a server): nothing of a
	// step may outlive it and write into the app afterwards.
	killLeftovers(cmd.Process)
	return err
}

// waitGone waits, for at most a few seconds, until groupProcesses(groups, within) is empty, so
// that a staging folder is not removed while a dying program still writes into it.
func waitGone(groups []int, within string) {
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if len(groupProcesses(groups, within)) == 0 {
			return
		}
	}
}
