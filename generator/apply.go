// Apply writes a plan through a staging directory beside the target, so that an
// error or Ctrl-C at any point leaves nothing behind.
package generator

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrInterrupted is returned when the command's context ends (Ctrl-C) before its work is
// done. The programs it ran have been stopped and nothing was written.
var ErrInterrupted = errors.New("interrupted; nothing was written")

// interrupted wraps the context's error in ErrInterrupted.
func interrupted(ctx context.Context) error { return fmt.Errorf("%w (%w)", ErrInterrupted, ctx.Err()) }

// Apply writes the plan's files into a staging directory, runs its steps there,
// and only then moves the result into place. First it removes what killed runs left.
func Apply(ctx context.Context, p *Plan) (err error) {
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

	if err := WriteFiles(stage.dir, p.Files); err != nil {
		return err
	}
	for _, s := range p.Steps {
		if ctx.Err() != nil {
			return interrupted(ctx)
		}
		if err := s.Run(ctx, stage.dir); err != nil {
			if ctx.Err() != nil { // the step failed because it was stopped
				return interrupted(ctx)
			}
			return fmt.Errorf("%s failed; nothing was written:\n%w", s.Name, err)
		}
	}
	if ctx.Err() != nil {
		return interrupted(ctx)
	}
	if err := stage.release(); err != nil {
		return err
	}
	return moveIntoPlace(stage.dir, root)
}

// WriteFiles writes files under dir, creating folders as needed.
func WriteFiles(dir string, files []File) error {
	for _, f := range files {
		dst := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, f.Content, f.Mode); err != nil {
			return err
		}
	}
	return nil
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
