// `fastopp add model` and `fastopp add page`: grow an app made by `fastopp new`. New files are
// written once and then belong to the student; the files that list every model and page are
// owned by fastopp and rewritten whole. Nothing is written until everything has worked.
package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gobuffalo/flect"
)

// AddOptions are the options every `add` command has.
type AddOptions struct {
	Dir    string // the app's root; "" means the current directory
	DryRun bool
	Force  bool             // overwrite fastopp's own files even when they were edited
	Now    func() time.Time // the clock for migration versions; nil means time.Now
}

// AddModelOptions are the arguments of `fastopp add model NAME FIELD...`.
type AddModelOptions struct {
	AddOptions
	Name   string
	Fields []string
	Pages  bool
}

// AddPageOptions are the arguments of `fastopp add page NAME`.
type AddPageOptions struct {
	AddOptions
	Name  string
	Path  string // default: /name
	Title string // default: Name in words
	Nav   bool
}

// scaffoldData is what a scaffold template sees: the app, and the model or page it adds.
type scaffoldData struct {
	App TemplateData
	M   *Model
	P   Page
}

// AddModel runs `fastopp add model`.
func AddModel(ctx context.Context, templates, scaffolds fs.FS, o AddModelOptions, tools Tools, stdout io.Writer) (*Plan, error) {
	app, err := loadAppFor(templates, o.Dir)
	if err != nil {
		return nil, err
	}
	plan, err := planModel(app, scaffolds, o, tools.SQLC)
	if err != nil {
		return nil, err
	}
	plan.Force, plan.Log = o.Force, stdout
	return plan, NewRunner(o.DryRun, stdout, "add model "+o.Name).Run(ctx, plan)
}

// AddPage runs `fastopp add page`.
func AddPage(ctx context.Context, templates, scaffolds fs.FS, o AddPageOptions, stdout io.Writer) (*Plan, error) {
	app, err := loadAppFor(templates, o.Dir)
	if err != nil {
		return nil, err
	}
	plan, err := planPage(app, scaffolds, o)
	if err != nil {
		return nil, err
	}
	plan.Force, plan.Log = o.Force, stdout
	return plan, NewRunner(o.DryRun, stdout, "add page "+o.Name).Run(ctx, plan)
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

// planModel works out every file of a new model without writing any; sqlc, when not nil,
// regenerates the query code in the staging folder before anything is written.
func planModel(app *App, scaffolds fs.FS, o AddModelOptions, sqlc func(context.Context, string) error) (*Plan, error) {
	if app.Manifest.DB == DBNone {
		return nil, fmt.Errorf("this app has no database (it was made with --db none), so it cannot hold models: make a new app with --db sqlite or --db postgres")
	}
	name, err := NewModelName(o.Name)
	if err != nil {
		return nil, err
	}
	for _, m := range app.Manifest.Models {
		if TableName(m.Name) == name.Table {
			return nil, refuse("model %s already exists (fastopp.json lists it)", name.Go)
		}
	}
	if feature := app.tableOwner(name.Table); feature != "" {
		return nil, refuse("the app already has a table %s (the %s feature's): choose another model name", name.Table, feature)
	}
	tables, err := app.tables()
	if err != nil {
		return nil, err
	}
	if file, ok := tables[name.Table]; ok {
		return nil, refuse("the app already has a table %s (made in internal/database/migrations/%s): choose another model name", name.Table, file)
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	spec := ModelSpec{Name: name.Go, Fields: o.Fields, Pages: o.Pages, Version: migrationVersion(now(), app.Manifest.Models)}
	next := app.Manifest
	next.Models = append(slices.Clone(next.Models), spec)
	data, err := app.data(next)
	if err != nil {
		// The manifest held valid models before, so the problem is the new one: say it plainly.
		return nil, errors.Unwrap(err)
	}
	model := data.Models[len(data.Models)-1]
	if o.Pages {
		if err := checkRoute(app, "/"+model.Table); err != nil {
			return nil, err
		}
	}
	files, err := renderScaffold(scaffolds, "model", scaffoldData{App: data, M: model}, map[string]string{
		"table": model.Table, "version": model.Version,
	})
	if err != nil {
		return nil, err
	}
	plan, err := app.addition(files, next)
	if err != nil || sqlc == nil {
		return plan, err
	}
	if plan.Inputs, err = app.sqlcInputs(); err != nil {
		return nil, err
	}
	plan.Steps = append(plan.Steps, Step{Name: "sqlc generate (query code in internal/models)", Run: func(ctx context.Context, dir string) error {
		if err := sqlc(ctx, dir); err != nil {
			return err
		}
		// sqlc names a table's type itself: it must be the name the scaffolds used.
		generated, err := os.ReadFile(filepath.Join(dir, "internal", "models", "models.go"))
		if err != nil {
			return err
		}
		if !bytes.Contains(generated, []byte("type "+model.Go+" struct")) {
			return fmt.Errorf("sqlc named the %s table's Go type differently from %s: choose another model name", model.Table, model.Go)
		}
		return nil
	}})
	return plan, nil
}

// migrationVersion is a UTC timestamp, one second past the newest model's when the clock
// has not moved on (two models added in one second).
func migrationVersion(now time.Time, models []ModelSpec) string {
	version := now.UTC().Format("20060102150405")
	for _, m := range models {
		if m.Version >= version {
			t, err := time.Parse("20060102150405", m.Version)
			if err == nil {
				version = t.Add(time.Second).Format("20060102150405")
			}
		}
	}
	return version
}

var (
	pageNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	pagePathPattern = regexp.MustCompile(`^/[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$`)
)

// planPage works out the files of a new page without writing any.
func planPage(app *App, scaffolds fs.FS, o AddPageOptions) (*Plan, error) {
	spec, err := NewPageSpec(o.Name, o.Path, o.Title, o.Nav)
	if err != nil {
		return nil, err
	}
	page := newPage(spec)
	for _, p := range app.Manifest.Pages {
		if newPage(p).File == page.File {
			return nil, refuse("page %s already exists (fastopp.json lists it)", o.Name)
		}
	}
	if err := checkRoute(app, spec.Path); err != nil {
		return nil, err
	}
	next := app.Manifest
	next.Pages = append(slices.Clone(next.Pages), spec)
	data, err := app.data(next)
	if err != nil {
		return nil, err
	}
	files, err := renderScaffold(scaffolds, "page", scaffoldData{App: data, P: page}, map[string]string{"file": page.File})
	if err != nil {
		return nil, err
	}
	return app.addition(files, next)
}

// NewPageSpec checks the name, path and title of `fastopp add page` and fills their defaults.
func NewPageSpec(name, urlPath, title string, nav bool) (PageSpec, error) {
	if !pageNamePattern.MatchString(name) || len(name) > maxNameLength {
		return PageSpec{}, fmt.Errorf("page name %q must be letters, digits, - and _, starting with a letter, at most %d characters: e.g. about or contact-us", name, maxNameLength)
	}
	spec := PageSpec{Name: name, Path: urlPath, Title: title, Nav: nav}
	if spec.Path == "" {
		spec.Path = "/" + flect.Dasherize(name)
	}
	if spec.Title == "" {
		spec.Title = flect.Titleize(name)
	}
	if !pagePathPattern.MatchString(spec.Path) || len(spec.Path) > 100 {
		return PageSpec{}, fmt.Errorf("page path %q must start with / and hold lower-case letters, digits, - and _: e.g. --path /about", spec.Path)
	}
	if strings.ContainsAny(spec.Title, "<>{}\"`\\") || strings.TrimSpace(spec.Title) == "" || len(spec.Title) > 80 || !utf8Printable(spec.Title) {
		return PageSpec{}, fmt.Errorf("page title %q must be plain text of at most 80 characters, without < > { } \" ` or \\: e.g. --title \"About us\"", spec.Title)
	}
	return spec, nil
}

// checkRoute refuses a path whose first segment a feature of the app (its feature.yaml's
// routes) or an added page already answers.
func checkRoute(app *App, p string) error {
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	taken := false
	for _, f := range app.features {
		taken = taken || slices.Contains(f.Routes, "/"+first)
	}
	for _, page := range app.Manifest.Pages {
		taken = taken || page.Path == p
	}
	for _, m := range app.Manifest.Models {
		taken = taken || m.Pages && "/"+TableName(m.Name) == p
	}
	if taken {
		return refuse("the app already answers %s: choose another path, e.g. --path /my-%s", p, strings.ReplaceAll(strings.Trim(p, "/"), "/", "-"))
	}
	return nil
}

// renderScaffold renders the templates of one scaffold folder, replacing [name] in paths.
func renderScaffold(scaffolds fs.FS, kind string, data scaffoldData, names map[string]string) ([]File, error) {
	root, err := fs.Sub(scaffolds, kind)
	if err != nil {
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
		file, keep, err := renderOne(p, raw, data)
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

// sqlcInputs are the files sqlc reads besides the new model's query file: the app's
// migrations and sqlc.yaml. The app's other query files are left out: sqlc writes one Go
// file per query file and models.go from the whole schema, so they need no second reading,
// and leaving them out makes the same code in half the time.
func (a *App) sqlcInputs() ([]File, error) {
	migrations := "internal/database/migrations"
	entries, err := os.ReadDir(filepath.Join(a.Root, filepath.FromSlash(migrations)))
	if err != nil {
		return nil, err
	}
	var files []File
	for _, e := range entries {
		content, err := os.ReadFile(filepath.Join(a.Root, filepath.FromSlash(migrations), e.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: path.Join(migrations, e.Name()), Content: content, Mode: 0o644})
	}
	config, err := os.ReadFile(filepath.Join(a.Root, "sqlc.yaml"))
	if err != nil {
		return nil, fmt.Errorf("cannot read sqlc.yaml: %w", err)
	}
	return append(files, File{Path: "sqlc.yaml", Content: config, Mode: 0o644}), nil
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
