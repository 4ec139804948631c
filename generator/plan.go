// Plan, then run: `fastopp new` and every `fastopp add` first compute every file they will
// write, every step they will run and every conflict with what is on disk; only then does a
// Runner (runner.go) print the plan (--dry-run) or carry it out.
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
	"sort"
	"strings"
)

// Step is work that runs inside the staging folder before anything reaches the app, such as
// sqlc or go mod tidy. A failing step aborts the whole command.
type Step struct {
	Name string // shown in the plan, e.g. "go mod tidy"
	Run  func(ctx context.Context, dir string) error
}

// Plan is everything a command will do.
type Plan struct {
	Root  string // the app directory, as the user named it
	Files []File // files to write, relative to Root
	// Inputs are files the steps read that are already in the app (migrations, sqlc.yaml):
	// copied into the staging folder, and written back only if a step changes them.
	Inputs []File
	Steps  []Step // run in order in the staging folder after the files are written
	// InPlace writes into an existing app (add): each file that differs from the app's,
	// with every one put back if any write fails. Otherwise (new) the staging folder
	// becomes the app.
	InPlace   bool
	Changed   []string   // paths of Files that exist in Root already
	Conflicts []Conflict // why the plan would be refused
	Existing  int        // entries already in Root, for new: a folder that is not empty needs --force
	Force     bool       // write over the conflicts that --force may overrule
	Log       io.Writer  // notes, such as a removed staging folder; nil discards them
	Progress  Progress   // shows each step while it runs
	Notes     []string   // what the student must do by hand, such as routes to paste (routes.go)
}

// Conflict is one reason not to write a plan: a path and what is wrong with it.
type Conflict struct {
	Path    string
	Problem string // says what to do next; "" for a file new would overwrite
	// Forcible conflicts give way to --force: a file in the target of new, a file fastopp
	// owns that the student edited. The others (a new file that exists) never do.
	Forcible bool
}

// ErrConflict is returned when a plan conflicts with what is on disk; nothing was written.
var ErrConflict = errors.New("conflict")

// ConflictError lists every conflict that refused a plan; errors.Is(err, ErrConflict) holds.
type ConflictError struct {
	Root      string
	Conflicts []Conflict
	Existing  int  // entries already in Root, for new
	InPlace   bool // an add: the advice differs from new's
}

func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

func (e *ConflictError) Error() string {
	var b strings.Builder
	if e.InPlace {
		b.WriteString("refused: nothing was written:")
		for _, c := range e.Conflicts {
			fmt.Fprintf(&b, "\n  %s", c.Problem)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "conflict: %s is not empty", e.Root)
	if len(e.Conflicts) > 0 {
		fmt.Fprintf(&b, "; these files would be overwritten:\n")
		for _, c := range e.Conflicts {
			fmt.Fprintf(&b, "  %s\n", c.Path)
		}
	} else {
		fmt.Fprintf(&b, " (%d entries there already)\n", e.Existing)
	}
	b.WriteString("Nothing was written. Choose another name or --dir, or pass --force to write over it.")
	return b.String()
}

// refuse is the error for a conflict found before a plan exists (a model that is there
// already, a path the app answers): problem says what to do next.
func refuse(format string, args ...any) error {
	return &ConflictError{InPlace: true, Conflicts: []Conflict{{Problem: fmt.Sprintf(format, args...)}}}
}

// CheckTarget fills in the conflicts of new from what is on disk: writing into a folder
// that is not empty needs --force.
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
		if exists(p.Root, f.Path) {
			p.Conflicts = append(p.Conflicts, Conflict{Path: f.Path, Forcible: true})
			p.Changed = append(p.Changed, f.Path)
		}
	}
	return nil
}

// Refused returns the ConflictError that stops the plan, or nil.
func (p *Plan) Refused() error {
	var refused []Conflict
	for _, c := range p.Conflicts {
		if !c.Forcible || !p.Force {
			refused = append(refused, c)
		}
	}
	if len(refused) == 0 && (p.InPlace || p.Existing == 0 || p.Force) {
		return nil
	}
	return &ConflictError{Root: p.Root, Conflicts: refused, Existing: p.Existing, InPlace: p.InPlace}
}

// Print writes the plan in the form --dry-run shows.
func (p *Plan) Print(w io.Writer) {
	conflict, forced := map[string]bool{}, map[string]bool{}
	for _, c := range p.Conflicts {
		conflict[c.Path] = !c.Forcible || !p.Force
		forced[c.Path] = c.Forcible && p.Force
	}
	files := slices.Clone(p.Files)
	if !p.InPlace {
		sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	}
	for _, f := range files {
		verb, note := "create", ""
		switch {
		case conflict[f.Path] && !p.InPlace:
			verb = "conflict"
		case forced[f.Path] && p.InPlace:
			// An owned file the student edited: --force is why it is written, so say so.
			verb, note = "overwrite", " (it was edited: --force replaces your changes with fastopp's version)"
		case slices.Contains(p.Changed, f.Path) && p.InPlace:
			verb = "update"
		case slices.Contains(p.Changed, f.Path):
			verb = "overwrite"
		}
		fmt.Fprintf(w, "  %-9s %s%s\n", verb, filepath.Join(p.Root, filepath.FromSlash(f.Path)), note)
	}
	for _, s := range p.Steps {
		fmt.Fprintf(w, "  %-9s %s\n", "run", s.Name)
	}
	if p.InPlace {
		for _, c := range p.Conflicts {
			if !c.Forcible || !p.Force {
				fmt.Fprintf(w, "  %-9s %s\n", "conflict", c.Problem)
			}
		}
	}
	for _, n := range p.Notes {
		fmt.Fprintf(w, "  %-9s %s\n", "by hand", n)
	}
}

func (p *Plan) log() io.Writer {
	if p.Log == nil {
		return io.Discard
	}
	return p.Log
}
