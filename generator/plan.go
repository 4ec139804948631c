// Plan, then apply: a command first computes every file it will write and every
// step it will run; only then does Apply touch the disk.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Step is work that runs inside the staged app before it is moved into place,
// such as sqlc or go mod tidy. A failing step aborts the whole command.
type Step struct {
	Name string // shown in the plan, e.g. "go mod tidy"
	Run  func(ctx context.Context, dir string) error
}

// Plan is everything a command will do.
type Plan struct {
	Root      string   // the app directory, as the user named it
	Files     []File   // files to write, relative to Root
	Steps     []Step   // run in order in the staging directory after the files are written
	Conflicts []string // files in Root that the plan would overwrite
	Existing  int      // entries already in Root (a non-empty Root is a conflict)
	Force     bool
	Log       io.Writer // notes, such as a removed staging folder; nil discards them
}

func (p *Plan) log() io.Writer {
	if p.Log == nil {
		return io.Discard
	}
	return p.Log
}

// ErrConflict is returned when the target is not empty and --force was not given.
var ErrConflict = errors.New("conflict")

// CheckTarget fills in Conflicts and Existing from what is on disk.
func (p *Plan) CheckTarget() error {
	info, err := os.Stat(p.Root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && !info.IsDir() {
		return fmt.Errorf("%s exists and is not a directory: choose another name or --dir", p.Root)
	}
	entries, err := os.ReadDir(p.Root)
	if err != nil {
		return err
	}
	p.Existing = len(entries)
	for _, f := range p.Files {
		if _, err := os.Lstat(filepath.Join(p.Root, filepath.FromSlash(f.Path))); err == nil {
			p.Conflicts = append(p.Conflicts, f.Path)
		}
	}
	return nil
}

// Refused reports whether Apply would refuse to run, and why.
func (p *Plan) Refused() error {
	if p.Existing == 0 || p.Force {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s is not empty", p.Root)
	if len(p.Conflicts) > 0 {
		fmt.Fprintf(&b, "; these files would be overwritten:\n")
		for _, c := range p.Conflicts {
			fmt.Fprintf(&b, "  %s\n", c)
		}
	} else {
		fmt.Fprintf(&b, " (%d entries there already)\n", p.Existing)
	}
	fmt.Fprintf(&b, "Nothing was written. Choose another name or --dir, or pass --force to write over it.")
	return fmt.Errorf("%w: %s", ErrConflict, b.String())
}

// Print writes the plan in the form --dry-run shows.
func (p *Plan) Print(w io.Writer) {
	conflict := map[string]bool{}
	for _, c := range p.Conflicts {
		conflict[c] = true
	}
	files := append([]File(nil), p.Files...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for _, f := range files {
		verb := "create"
		if conflict[f.Path] {
			verb = "overwrite"
			if !p.Force {
				verb = "conflict"
			}
		}
		fmt.Fprintf(w, "  %-9s %s\n", verb, filepath.Join(p.Root, filepath.FromSlash(f.Path)))
	}
	for _, s := range p.Steps {
		fmt.Fprintf(w, "  %-9s %s\n", "run", s.Name)
	}
}
