// `fastopp add model` and `fastopp add page`: grow an app made by `fastopp new`. New files are
// written once and then belong to the student; the files that list every model and page are
// owned by fastopp and rewritten whole; routes go into the student's routes.go (routes.go).
// Nothing is written until everything has worked.
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

// Addition is what an `add` command will write, worked out before anything is written.
type Addition struct {
	Root      string
	Files     []File   // new files, then changed files fastopp owns, then the manifest
	Changed   []string // paths of Files that exist already (fastopp's own files, the manifest)
	Conflicts []string // why the addition cannot be written, even with --force
	Edited    []string // fastopp-owned files the student edited: written over only with --force
	Notes     []string // what the student must do by hand, such as routes to paste (routes.go)
	// SQLC is set when the query code must be regenerated; it runs on a copy of the app's
	// SQL before anything is written, and its output joins Files.
	SQLC  func(ctx context.Context, dir string) error
	model *Model
}

// ErrRefused is returned when an addition has conflicts; nothing was written.
var ErrRefused = errors.New("refused")

// scaffoldData is what a scaffold template sees: the app, and the model or page it adds.
type scaffoldData struct {
	App TemplateData
	M   *Model
	P   Page
}

// AddModel runs `fastopp add model`.
func AddModel(ctx context.Context, templates, scaffolds fs.FS, o AddModelOptions, tools Tools, stdout io.Writer) (*Addition, error) {
	app, err := loadAppFor(templates, o.Dir)
	if err != nil {
		return nil, err
	}
	add, err := planModel(app, scaffolds, o)
	if err != nil {
		return nil, err
	}
	add.SQLC = tools.SQLC
	return add, add.run(ctx, o.AddOptions, stdout, "add model "+o.Name)
}

// AddPage runs `fastopp add page`.
func AddPage(ctx context.Context, templates, scaffolds fs.FS, o AddPageOptions, stdout io.Writer) (*Addition, error) {
	app, err := loadAppFor(templates, o.Dir)
	if err != nil {
		return nil, err
	}
	add, err := planPage(app, scaffolds, o)
	if err != nil {
		return nil, err
	}
	return add, add.run(ctx, o.AddOptions, stdout, "add page "+o.Name)
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

// planModel works out every file of a new model without writing any.
func planModel(app *App, scaffolds fs.FS, o AddModelOptions) (*Addition, error) {
	if app.Manifest.DB == DBNone {
		return nil, fmt.Errorf("this app has no database (it was made with --db none), so it cannot hold models: make a new app with --db sqlite or --db postgres")
	}
	name, err := NewModelName(o.Name)
	if err != nil {
		return nil, err
	}
	for _, m := range app.Manifest.Models {
		if TableName(m.Name) == name.Table {
			return nil, fmt.Errorf("%w: model %s already exists (fastopp.json lists it); nothing was changed", ErrRefused, name.Go)
		}
	}
	if feature := app.tableOwner(name.Table); feature != "" {
		return nil, fmt.Errorf("%w: the app already has a table %s (the %s feature's): choose another model name", ErrRefused, name.Table, feature)
	}
	tables, err := app.tables()
	if err != nil {
		return nil, err
	}
	if file, ok := tables[name.Table]; ok {
		return nil, fmt.Errorf("%w: the app already has a table %s (made in internal/database/migrations/%s): choose another model name", ErrRefused, name.Table, file)
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
	add, err := app.addition(files, next)
	if err != nil {
		return nil, err
	}
	add.model = model
	if o.Pages {
		err = add.addRoutes(modelRoutes(model, app.Manifest.Module))
	}
	return add, err
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
func planPage(app *App, scaffolds fs.FS, o AddPageOptions) (*Addition, error) {
	spec, err := NewPageSpec(o.Name, o.Path, o.Title, o.Nav)
	if err != nil {
		return nil, err
	}
	page := newPage(spec)
	for _, p := range app.Manifest.Pages {
		if newPage(p).File == page.File {
			return nil, fmt.Errorf("%w: page %s already exists (fastopp.json lists it); nothing was changed", ErrRefused, o.Name)
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
	add, err := app.addition(files, next)
	if err != nil {
		return nil, err
	}
	return add, add.addRoutes(pageRoutes(page))
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
		return fmt.Errorf("%w: the app already answers %s: choose another path, e.g. --path /my-%s", ErrRefused, p, strings.ReplaceAll(strings.Trim(p, "/"), "/", "-"))
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

// addition combines the new files with the owned files that change, and checks both
// against the disk: a new file must not exist, and an owned file must be as fastopp wrote
// it (unless --force).
func (a *App) addition(files []File, next Manifest) (*Addition, error) {
	add := &Addition{Root: a.Root}
	for _, f := range files {
		if exists(a.Root, f.Path) {
			add.Conflicts = append(add.Conflicts, f.Path+" exists already: move it away or choose another name")
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
			add.Edited = append(add.Edited, p+" was edited, but fastopp owns it (DO NOT EDIT): move your changes elsewhere, or pass --force to overwrite it")
		}
		files = append(files, after[p])
	}
	manifest, err := next.encode()
	if err != nil {
		return nil, err
	}
	add.Files = append(files, File{Path: ManifestFile, Content: manifest, Mode: 0o644})
	for _, f := range add.Files {
		if exists(a.Root, f.Path) {
			add.Changed = append(add.Changed, f.Path)
		}
	}
	return add, nil
}

func exists(root, p string) bool {
	_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
	return err == nil
}

// run prints the addition for --dry-run, or checks it, runs sqlc and writes it.
func (add *Addition) run(ctx context.Context, o AddOptions, stdout io.Writer, what string) error {
	conflicts := add.Conflicts
	if !o.Force {
		conflicts = slices.Concat(conflicts, add.Edited)
	}
	if o.DryRun {
		fmt.Fprintf(stdout, "Dry run: this is what fastopp %s would do; nothing was written.\n", what)
		add.Print(stdout)
		return add.refusal(conflicts)
	}
	if err := add.refusal(conflicts); err != nil {
		return err
	}
	sweepStale(add.Root, stdout)
	if add.SQLC != nil && add.model != nil {
		generated, err := add.generateQueries(ctx)
		if ctx.Err() != nil {
			return interrupted(ctx)
		}
		if err != nil {
			return err
		}
		add.Files = append(add.Files, generated...)
	}
	return writeInPlace(add.Root, add.Files)
}

func (add *Addition) refusal(conflicts []string) error {
	if len(conflicts) == 0 {
		return nil
	}
	return fmt.Errorf("%w: nothing was written:\n  %s", ErrRefused, strings.Join(conflicts, "\n  "))
}

// Print writes the addition in the form --dry-run shows.
func (add *Addition) Print(w io.Writer) {
	for _, f := range add.Files {
		verb := "create"
		if slices.Contains(add.Changed, f.Path) {
			verb = "update"
		}
		fmt.Fprintf(w, "  %-9s %s\n", verb, filepath.Join(add.Root, filepath.FromSlash(f.Path)))
	}
	if add.model != nil {
		fmt.Fprintf(w, "  %-9s %s\n", "run", "sqlc generate (query code in internal/models)")
	}
	for _, c := range slices.Concat(add.Conflicts, add.Edited) {
		fmt.Fprintf(w, "  %-9s %s\n", "conflict", c)
	}
	for _, n := range add.Notes {
		fmt.Fprintf(w, "  %-9s %s\n", "by hand", n)
	}
}

// generateQueries runs sqlc on a copy of the app's migrations plus the new files, and returns
// the query code that differs from the app's. sqlc writes one Go file per query file and
// models.go from the whole schema, so the app's other query files need no second reading:
// leaving them out makes the same code in half the time.
func (add *Addition) generateQueries(ctx context.Context) ([]File, error) {
	stage, err := newStage(add.Root) // beside the app, where a later run finds it if this one is killed
	if err != nil {
		return nil, err
	}
	defer stage.remove()
	scratch := stage.dir
	var sqlFiles []File
	migrations := "internal/database/migrations"
	entries, err := os.ReadDir(filepath.Join(add.Root, filepath.FromSlash(migrations)))
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		content, err := os.ReadFile(filepath.Join(add.Root, filepath.FromSlash(migrations), e.Name()))
		if err != nil {
			return nil, err
		}
		sqlFiles = append(sqlFiles, File{Path: migrations + "/" + e.Name(), Content: content, Mode: 0o644})
	}
	config, err := os.ReadFile(filepath.Join(add.Root, "sqlc.yaml"))
	if err != nil {
		return nil, fmt.Errorf("cannot read sqlc.yaml: %w", err)
	}
	sqlFiles = append(sqlFiles, File{Path: "sqlc.yaml", Content: config, Mode: 0o644})
	for _, f := range add.Files {
		if strings.HasSuffix(f.Path, ".sql") {
			sqlFiles = append(sqlFiles, f)
		}
	}
	if err := WriteFiles(scratch, sqlFiles); err != nil {
		return nil, err
	}
	if err := add.SQLC(ctx, scratch); err != nil {
		return nil, fmt.Errorf("%w\nNothing was written", err)
	}
	out := filepath.Join(scratch, "internal", "models")
	entries, err = os.ReadDir(out)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, e := range entries {
		content, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			return nil, err
		}
		p := path.Join("internal/models", e.Name())
		if e.Name() == "models.go" && !bytes.Contains(content, []byte("type "+add.model.Go+" struct")) {
			return nil, fmt.Errorf("sqlc named the %s table's Go type differently from %s; nothing was written: choose another model name", add.model.Table, add.model.Go)
		}
		if onDisk, err := os.ReadFile(filepath.Join(add.Root, filepath.FromSlash(p))); err == nil && bytes.Equal(onDisk, content) {
			continue
		}
		if exists(add.Root, p) {
			add.Changed = append(add.Changed, p)
		}
		files = append(files, File{Path: p, Content: content, Mode: 0o644})
	}
	return files, nil
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
