// A Runner carries out a Plan, chosen once per command (as buffalo's genny.DryRunner and
// WetRunner): DryRunner prints it, WetRunner writes it through a staging folder beside the
// app, so that an error or Ctrl-C at any point leaves nothing behind, and shows each step
// while it runs (progress.go).
package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ErrInterrupted is returned when the command's context ends (Ctrl-C) before its work is
// done. The programs it ran have been stopped and nothing was written.
var ErrInterrupted = errors.New("interrupted; nothing was written")

// interrupted wraps the context's error in ErrInterrupted.
func interrupted(ctx context.Context) error { return fmt.Errorf("%w (%w)", ErrInterrupted, ctx.Err()) }

// Runner carries out a plan.
type Runner interface {
	Run(ctx context.Context, p *Plan) error
}

// NewRunner is the runner of a command: a DryRunner for --dry-run, else a WetRunner.
// what names the command in the dry run's heading ("new", "add model Book").
func NewRunner(dryRun bool, stdout io.Writer, what string) Runner {
	if dryRun {
		return DryRunner{Out: stdout, What: what}
	}
	return WetRunner{}
}

// DryRunner prints what a plan would do and writes nothing; it returns the plan's conflicts.
type DryRunner struct {
	Out  io.Writer
	What string
}

// A refused plan fails the dry run as it would fail the real run, with the same error, so
// that a script that tries --dry-run first stops where the real command would.
func (d DryRunner) Run(_ context.Context, p *Plan) error {
	refused := p.Refused()
	if refused != nil {
		fmt.Fprintf(d.Out, "Dry run: fastopp %s would be refused (the conflicts are below); nothing was written.\n", d.What)
	} else {
		fmt.Fprintf(d.Out, "Dry run: this is what fastopp %s would do; nothing was written.\n", d.What)
	}
	p.Print(d.Out)
	return refused
}

// WetRunner writes the plan's files (and its inputs) into a staging folder, runs its steps
// there, and only then writes the result into the app. First it removes what killed runs left.
type WetRunner struct{}

func (WetRunner) Run(ctx context.Context, p *Plan) (err error) {
	if err := p.Refused(); err != nil {
		return err
	}
	root, err := filepath.Abs(p.Root)
	if err != nil {
		return err
	}
	sweepStale(p.Root, p.log())
	stage, err := newStage(root)
	if err != nil {
		return err
	}
	defer func() {
		if rmErr := stage.remove(); rmErr != nil && err == nil {
			err = rmErr
		}
	}()

	if err := WriteFiles(stage.dir, append(p.Inputs, p.Files...)); err != nil {
		return err
	}
	for i, s := range p.Steps {
		if ctx.Err() != nil {
			return interrupted(ctx)
		}
		done := p.Progress.track(i+1, len(p.Steps), s.Name)
		err := s.Run(ctx, stage.dir)
		if err != nil && ctx.Err() != nil { // the step failed because it was stopped
			done(errStopped)
			return interrupted(ctx)
		}
		done(err)
		if err != nil {
			return fmt.Errorf("%s failed; nothing was written:\n%w", s.Name, err)
		}
	}
	if ctx.Err() != nil {
		return interrupted(ctx)
	}
	if p.InPlace {
		files, err := changedFiles(stage.dir, root, p)
		if err != nil {
			return err
		}
		// The manifest last: it lists the model or page only once the rest is written.
		slices.SortStableFunc(files, func(a, b File) int { return cmpBool(a.Path == ManifestFile, b.Path == ManifestFile) })
		return writeInPlace(root, files)
	}
	if err := stage.release(); err != nil {
		return err
	}
	return moveIntoPlace(stage.dir, root)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// changedFiles reads from the staging folder the files that differ from the app's: the
// plan's files and what its steps made, which join p.Files (and p.Changed when the app has
// them already) so that the command's report lists them.
func changedFiles(stage, root string, p *Plan) ([]File, error) {
	var files []File
	err := filepath.WalkDir(stage, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(stage, path)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, runFile) {
			return nil
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		onDisk, diskErr := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if diskErr == nil && string(onDisk) == string(content) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f := File{Path: rel, Content: content, Mode: info.Mode().Perm()}
		files = append(files, f)
		if !slices.ContainsFunc(p.Files, func(pf File) bool { return pf.Path == rel }) {
			p.Files = append(p.Files, f) // made by a step (sqlc): the report lists it too
			if diskErr == nil {
				p.Changed = append(p.Changed, rel)
			}
		}
		return nil
	})
	return files, err
}

// WriteFiles writes files under dir, creating folders as needed, several at a time: most of
// the time goes in waiting for the file system. Of two files with one path, the later wins.
func WriteFiles(dir string, files []File) error {
	last := map[string]int{}
	for i, f := range files {
		last[f.Path] = i
	}
	errs := make([]error, len(files))
	parallel(len(files), func(i int) {
		if last[files[i].Path] != i {
			return
		}
		dst := filepath.Join(dir, filepath.FromSlash(files[i].Path))
		if errs[i] = os.MkdirAll(filepath.Dir(dst), 0o755); errs[i] == nil {
			errs[i] = os.WriteFile(dst, files[i].Content, files[i].Mode)
		}
	})
	return errors.Join(errs...)
}

// moveIntoPlace renames the staging directory to root when root does not exist
// (one atomic step), or moves its entries over an existing root (--force, or empty).
func moveIntoPlace(stage, root string) error {
	if _, err := os.Lstat(root); os.IsNotExist(err) {
		if err := os.Chmod(stage, 0o755); err != nil {
			return err
		}
		return os.Rename(stage, root)
	}
	return filepath.WalkDir(stage, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == stage {
			return err
		}
		rel, _ := filepath.Rel(stage, p)
		dst := filepath.Join(root, rel)
		if d.IsDir() {
			if info, err := os.Lstat(dst); err == nil && info.IsDir() {
				return nil // merge into the existing folder
			}
			if err := os.RemoveAll(dst); err != nil {
				return err
			}
			if err := os.Rename(p, dst); err != nil {
				return err
			}
			return filepath.SkipDir
		}
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
		return os.Rename(p, dst)
	})
}

// writeInPlace writes files into the app. Each file goes to a temporary name first and is
// then renamed over its path; if any step fails, every path is put back as it was.
func writeInPlace(root string, files []File) (err error) {
	type saved struct {
		path    string
		content []byte // nil: the file did not exist
	}
	var done []saved
	var madeDirs []string
	defer func() {
		if err == nil {
			return
		}
		for i := len(done) - 1; i >= 0; i-- {
			if done[i].content == nil {
				os.Remove(done[i].path)
			} else {
				os.WriteFile(done[i].path, done[i].content, 0o644)
			}
		}
		for _, dir := range madeDirs { // each folder before its parent
			os.Remove(dir) // only removes it if it is empty again
		}
		err = fmt.Errorf("%w; the app was left as it was", err)
	}()
	for _, f := range files {
		dst := filepath.Join(root, filepath.FromSlash(f.Path))
		for dir := filepath.Dir(dst); !exists(dir, "."); dir = filepath.Dir(dir) {
			madeDirs = append(madeDirs, dir)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		old, readErr := os.ReadFile(dst)
		if readErr != nil && !errors.Is(readErr, fs.ErrNotExist) {
			return readErr
		}
		tmp := dst + ".fastopp-tmp"
		if err := os.WriteFile(tmp, f.Content, f.Mode); err != nil {
			os.Remove(tmp)
			return err
		}
		done = append(done, saved{path: dst, content: old})
		if err := os.Rename(tmp, dst); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	return nil
}
