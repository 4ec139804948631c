// Windows: fastopp joins a job object that ends its programs when it ends, each program gets
// a process group of its own, taskkill stops the tree a program started, and file locks are
// dropped by the system when their process ends.
package generator

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// canSupervise is false: fastopp's job object (below) does the supervisor's work.
const canSupervise = false

func startInOwnGroup(cmd *exec.Cmd, _ bool) {
	joinKillingJob()
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.CreationFlags |= syscall.CREATE_NEW_PROCESS_GROUP
}

// joinKillingJob puts fastopp in a job object that the system ends, with every process in
// it, when its last handle closes: when fastopp ends, however it ends. The programs fastopp
// starts join its job, so they end with it. The handle stays open on purpose; done once.
var joinKillingJob = sync.OnceFunc(func() {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return
	}
	var info windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	_, err = windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation, uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info)))
	if err == nil {
		self, _ := windows.GetCurrentProcess()
		err = windows.AssignProcessToJobObject(job, self)
	}
	if err != nil {
		windows.CloseHandle(job)
	}
})

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

// openLockable opens (or with create, creates empty) a file to lock with lockFile. Unlike
// os.OpenFile it lets the file be renamed and deleted while it is open, as Unix does: the
// run file is renamed, and deleted, by the run that holds it open.
func openLockable(path string, create bool) (*os.File, error) {
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	mode := uint32(windows.OPEN_EXISTING)
	if create {
		mode = windows.CREATE_ALWAYS
	}
	share := uint32(windows.FILE_SHARE_READ | windows.FILE_SHARE_WRITE | windows.FILE_SHARE_DELETE)
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, share, nil, mode, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

// lockFile takes an exclusive lock on f without waiting.
func lockFile(f *os.File) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &windows.Overlapped{})
}

// Supervise is not used on Windows (canSupervise is false).
func Supervise([]string) int {
	fmt.Fprintln(os.Stderr, "fastopp "+SuperviseCommand+" is not used on Windows")
	return 2
}
