// `fastopp add model` and `fastopp add page`: grow an app made by `fastopp new`. New files are
// written once and then belong to the student; the files that list every model and page are
// owned by fastopp and rewritten whole; routes go into the student's routes.go (routes.go).
// Each command builds a Plan (this file: what every addition shares) that the same runner as
// `fastopp new` prints or writes; add_model.go, add_page.go and add_sqlc.go hold what is
// particular to each.
package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// AddOptions are the options every `add` command has.
type AddOptions struct {
	Dir    string // the app's root; "" means the current directory
	DryRun bool
	Force  bool             // overwrite fastopp's own files even when they were edited
	Now    func() time.Time // the clock for migration versions; nil means time.Now
}

// scaffoldData is what a scaffold template sees: the app, and the model or page it adds.
type scaffoldData struct {
	App TemplateData
	M   *Model
	P   Page
}

func loadAppFor(templates fs.FS, dir string) (*App, error) {
	reg, err := LoadRegistry(templates)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		dir = "."
	}
	return LoadApp(reg, dir)
}

// renderScaffold renders the templates of one scaffold folder, replacing [name] in paths.
// They may call the snippets of Go and SQL in scaffolds/snippets.tmpl.
func renderScaffold(scaffolds fs.FS, kind string, data scaffoldData, names map[string]string) ([]File, error) {
	root, err := fs.Sub(scaffolds, kind)
	if err != nil {
		return nil, err
	}
	snippets, err := fs.ReadFile(scaffolds, "snippets.tmpl")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var files []File
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		file, keep, err := renderOne(p, raw, string(snippets), data)
		if err != nil {
			return fmt.Errorf("scaffolds/%s/%s: %w", kind, p, err)
		}
		for token, value := range names {
			file.Path = strings.ReplaceAll(file.Path, "["+token+"]", value)
		}
		if keep {
			files = append(files, file)
		}
		return nil
	})
	return files, err
}

// addition plans the new files with the owned files that change, and checks both against
// the disk: a new file must not exist, and an owned file must be as fastopp wrote it
// (unless --force).
func (a *App) addition(files []File, next Manifest) (*Plan, error) {
	plan := &Plan{Root: a.Root, InPlace: true}
	for _, f := range files {
		if exists(a.Root, f.Path) {
			plan.Conflicts = append(plan.Conflicts, Conflict{Path: f.Path, Problem: f.Path + " exists already: move it away or choose another name"})
		}
	}
	before, err := a.ownedFiles(a.Manifest)
	if err != nil {
		return nil, err
	}
	after, err := a.ownedFiles(next)
	if err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(after))
	for p := range after {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		onDisk, err := os.ReadFile(filepath.Join(a.Root, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if bytes.Equal(onDisk, after[p].Content) {
			continue
		}
		if err == nil && !bytes.Equal(onDisk, before[p].Content) {
			plan.Conflicts = append(plan.Conflicts, Conflict{Path: p, Forcible: true,
				Problem: p + " was edited, but fastopp owns it (DO NOT EDIT): move your changes elsewhere, or pass --force to overwrite it"})
		}
		files = append(files, after[p])
	}
	manifest, err := next.encode()
	if err != nil {
		return nil, err
	}
	plan.Files = append(files, File{Path: ManifestFile, Content: manifest, Mode: 0o644})
	for _, f := range plan.Files {
		if exists(a.Root, f.Path) {
			plan.Changed = append(plan.Changed, f.Path)
		}
	}
	return plan, nil
}

func exists(root, p string) bool {
	_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
	return err == nil
}
