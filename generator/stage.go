// A staging folder is where a command builds its files before they go into the app:
// `.NAME.fastopp-123456` beside the app NAME. Its run file says which run owns it: the run
// holds a lock on the file while it lives (the system drops the lock when the process ends,
// however it ends) and writes in it the process group of every program it starts. A later
// run removes a staging folder only when it can take that lock: proof that its run is gone.
package generator

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// runFile is the run file's name inside a staging folder.
const runFile = ".fastopp-run"

// stage is a staging folder owned by this run.
type stage struct {
	dir string
	run *os.File // the locked run file; nil once released
}

// stagePrefix is how the staging folders of the app at root begin.
func stagePrefix(root string) string { return "." + filepath.Base(root) + ".fastopp-" }

// newStage makes a staging folder beside root and locks its run file. The run file is locked
// under another name and only then renamed, so that no other run can find it unlocked.
func newStage(root string) (*stage, error) {
	root, err := filepath.Abs(root) // root may be "." (add, run inside the app)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(root)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, stagePrefix(root)+"*")
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", parent, err)
	}
	s := &stage{dir: dir}
	locking := filepath.Join(dir, runFile+".new")
	if s.run, err = openLockable(locking, true); err == nil {
		// Without locks (some systems and network drives) the run goes on, and no later run
		// will find proof that it has ended.
		if err = lockFile(s.run); err == nil || errors.Is(err, errors.ErrUnsupported) {
			_, err = fmt.Fprintf(s.run, "fastopp run, process %d, started %s\n", os.Getpid(), time.Now().Format(time.RFC3339))
		}
		if err == nil {
			err = os.Rename(locking, filepath.Join(dir, runFile))
		}
	}
	if err != nil {
		s.remove()
		return nil, fmt.Errorf("cannot write in %s: %w", parent, err)
	}
	return s, nil
}

// release deletes the run file, so that the folder holds only the app, and drops the lock.
func (s *stage) release() error {
	if s.run == nil {
		return nil
	}
	err := os.Remove(filepath.Join(s.dir, runFile))
	if closeErr := s.run.Close(); err == nil {
		err = closeErr
	}
	s.run = nil
	return err
}

// remove deletes the staging folder, whatever is left in it.
func (s *stage) remove() error {
	s.release()
	return removeAll(s.dir)
}

// removeAll removes dir, trying again for a moment: a program killed a moment ago may still
// have been creating a file in it.
func removeAll(dir string) (err error) {
	for range 10 {
		if err = os.RemoveAll(dir); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}

// recordGroup notes a started program's process group in the run file of the staging folder
// it runs in, if it runs in one.
func recordGroup(dir string, group int) {
	if dir == "" {
		return
	}
	f, err := os.OpenFile(filepath.Join(dir, runFile), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return // not a staging folder
	}
	defer f.Close()
	fmt.Fprintf(f, "group %d\n", group)
}

// sweepStale removes the staging folders beside root that a run left behind when it was
// killed, and says so on log. It touches only folders named like fastopp's staging folders
// whose run file it can lock; a folder of a run still going keeps its lock and is left alone.
func sweepStale(root string, log io.Writer) {
	abs, err := filepath.Abs(root) // root may be "." (add, run inside the app)
	if err != nil {
		return
	}
	entries, err := os.ReadDir(filepath.Dir(abs))
	if err != nil {
		return
	}
	for _, e := range entries {
		digits, ok := strings.CutPrefix(e.Name(), stagePrefix(abs))
		if !ok || !e.IsDir() || !allDigits(digits) {
			continue
		}
		shown := filepath.Join(root, "..", e.Name()) // as the user named root
		if removed, err := removeAbandoned(filepath.Join(filepath.Dir(abs), e.Name())); err != nil {
			fmt.Fprintf(log, "Could not remove %s, left by an interrupted run (%v): remove it yourself.\n", shown, err)
		} else if removed {
			fmt.Fprintf(log, "Removed an interrupted run's staging folder %s.\n", shown)
		}
	}
}

func allDigits(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// removeAbandoned removes the staging folder dir if its run has ended, after killing what is
// left of the programs that run started. It reports whether it removed the folder.
func removeAbandoned(dir string) (bool, error) {
	f := openRunFile(dir)
	if f == nil {
		// A run makes its run file a moment after the folder: an empty folder that has stayed
		// empty for a minute is one whose run was killed in that moment.
		info, err := os.Stat(dir)
		if err != nil || time.Since(info.ModTime()) < time.Minute || os.Remove(dir) != nil {
			return false, nil
		}
		return true, nil
	}
	if lockFile(f) != nil {
		f.Close()
		return false, nil // its run still holds the lock (or this system has no locks)
	}
	groups := recordedGroups(f)
	f.Close()
	// Only processes of the recorded groups that work inside this folder are the run's: a
	// group's number may have been given to someone else's programs since.
	for _, pid := range groupProcesses(groups, dir) {
		killProcess(pid)
	}
	waitGone(groups, dir)
	return true, removeAll(dir)
}

// openRunFile opens the run file in dir, or the one its run was locking when it ended; nil if
// there is none.
func openRunFile(dir string) *os.File {
	for _, name := range []string{runFile, runFile + ".new"} {
		path := filepath.Join(dir, name)
		if info, err := os.Lstat(path); err != nil || !info.Mode().IsRegular() {
			continue
		}
		if f, err := openLockable(path, false); err == nil {
			return f
		}
	}
	return nil
}

// recordedGroups reads the process groups a run file lists.
func recordedGroups(r io.Reader) []int {
	var groups []int
	scanner := bufio.NewScanner(r)
	for scanner.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(scanner.Text(), "group ")); err == nil && n > 1 {
			groups = append(groups, n)
		}
	}
	return groups
}
