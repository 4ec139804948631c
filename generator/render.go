// Rendering turns the chosen features' template folders into the app's files, in memory.
package generator

import (
	"bytes"
	"fmt"
	"go/format"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// File is one file of the generated app, with its path relative to the app root.
type File struct {
	Path    string
	Content []byte
	Mode    fs.FileMode
}

// TemplateData is what every template sees; templates/README.md documents it.
type TemplateData struct {
	Name           string
	Module         string
	DB             string
	Features       map[string]bool
	NPM            map[string]string
	Requires       []Module
	FastoppVersion string
	Models         []*Model // added by `fastopp add model`, for the files fastopp owns
	Pages          []Page   // added by `fastopp add page`
	// AssetsBuilt: fastopp new runs npm to build the front-end assets, so the pages do not
	// load them from a CDN (the README says which). Always false for fastopp add.
	AssetsBuilt bool
}

// PagesCall reports whether the public pages of any model call fn, a helper of
// internal/pages/display.go: fastopp writes each helper there once a page needs it, so
// an app never holds code that nothing uses.
func (d TemplateData) PagesCall(fn string) bool {
	return slices.ContainsFunc(d.Models, func(m *Model) bool { return m.Pages && m.DisplayCalls(fn) })
}

// HasRequiredText reports whether any model has a required text field, which its service
// checks with the helper required.
func (d TemplateData) HasRequiredText() bool {
	return slices.ContainsFunc(d.Models, func(m *Model) bool { return len(m.RequiredText()) > 0 })
}

// NewTemplateData gathers the data for an app made of these features.
func NewTemplateData(name, modulePath, db, version string, features []*Feature) (TemplateData, error) {
	data := TemplateData{
		Name: name, Module: modulePath, DB: db, FastoppVersion: version,
		Features: map[string]bool{}, NPM: map[string]string{},
	}
	versions := map[string]string{}
	for _, f := range features {
		data.Features[f.Name] = true
		for pkg, v := range f.NPM {
			data.NPM[pkg] = v
		}
		for _, req := range f.goModules(db) {
			m, _ := parseModule(req) // checked when the registry was loaded
			if old, ok := versions[m.Path]; ok && old != m.Version {
				return data, fmt.Errorf("features disagree on %s: %s and %s", m.Path, old, m.Version)
			}
			versions[m.Path] = m.Version
		}
	}
	for p, v := range versions {
		data.Requires = append(data.Requires, Module{Path: p, Version: v})
	}
	sort.Slice(data.Requires, func(i, j int) bool { return data.Requires[i].Path < data.Requires[j].Path })
	return data, nil
}

// Render renders every file of the given features. Two features writing one path is an error.
func Render(features []*Feature, data TemplateData) ([]File, error) {
	return renderTemplates(features, data, nil)
}

// renderTemplates renders the files of the given features whose template text only accepts,
// or all of them when only is nil. The files render in parallel (go/format is most of the
// time `fastopp new` takes) and are checked in order, so the result never varies.
func renderTemplates(features []*Feature, data TemplateData, only func(raw []byte) bool) ([]File, error) {
	type job struct {
		feature  *Feature
		src, out string // the template's path in its feature, the file's path in the app
		raw      []byte
		file     File
		keep     bool
		err      error
	}
	var jobs []*job
	for _, f := range features {
		err := fs.WalkDir(f.files, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || p == "feature.yaml" {
				return err
			}
			out, ok := enginePath(f, p, data.DB)
			if !ok {
				return nil // another engine's file
			}
			raw, err := fs.ReadFile(f.files, p)
			if err != nil || only != nil && !only(raw) {
				return err
			}
			jobs = append(jobs, &job{feature: f, src: p, out: out, raw: raw})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		j.file, j.keep, j.err = renderOne(j.out, j.raw, "", data)
	})
	owner := map[string]string{}
	var files []File
	for _, j := range jobs {
		if j.err != nil {
			return nil, fmt.Errorf("templates/%s/%s: %w", j.feature.Name, j.src, j.err)
		}
		if !j.keep {
			continue
		}
		if prev, ok := owner[j.file.Path]; ok {
			return nil, fmt.Errorf("features %s and %s both write %s", prev, j.feature.Name, j.file.Path)
		}
		owner[j.file.Path] = j.feature.Name
		files = append(files, j.file)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// parallel calls work(0) ... work(n-1), as many at a time as there are CPUs, and returns
// when all have returned.
func parallel(n int, work func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				work(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// enginePath is where a feature's file p goes in an app on engine db. A feature other than
// an engine may keep files for one engine in a subfolder named after it
// (templates/auth/sqlite/internal/database/migrations/...): they go to the rest of the path
// on that engine, and nowhere on the other. ok is false when the file is left out.
func enginePath(f *Feature, p, db string) (out string, ok bool) {
	first, rest, found := strings.Cut(p, "/")
	if !found || f.Kind == KindEngine || first == DBNone || !slices.Contains(Databases, first) {
		return p, true
	}
	return rest, first == db
}

// renderOne renders or copies one template file, whose text is raw. keep is false when a
// template renders to nothing but white space, which is how a file is left out.
// snippets holds {{ define }}d templates that the template may call ("" for none).
func renderOne(p string, raw []byte, snippets string, data any) (file File, keep bool, err error) {
	file = File{Path: p, Content: raw, Mode: 0o644}
	if !strings.HasSuffix(p, ".tmpl") {
		return file, true, nil
	}
	file.Path = strings.TrimSuffix(p, ".tmpl")
	file.Content, err = Execute(path.Base(p), string(raw), snippets, data)
	if err != nil {
		return file, false, err
	}
	if len(bytes.TrimSpace(file.Content)) == 0 {
		return file, false, nil
	}
	if strings.HasSuffix(file.Path, ".go") {
		formatted, err := format.Source(file.Content)
		if err != nil {
			return file, false, fmt.Errorf("rendered Go does not parse: %w", err)
		}
		file.Content = formatted
	}
	return file, true, nil
}

// Execute renders one template text, which may call the templates that snippets define.
// HTML pages use [[ ]] so that the app's own html/template actions ({{ }}) pass through
// untouched; they cannot call the snippets, which are Go and SQL.
func Execute(name, text, snippets string, data any) ([]byte, error) {
	t := template.New(name).Funcs(sprig.TxtFuncMap())
	if strings.HasSuffix(name, ".html.tmpl") {
		t = t.Delims("[[", "]]")
	} else if _, err := t.New("snippets").Parse(snippets); err != nil {
		return nil, fmt.Errorf("snippets: %w", err)
	}
	t, err := t.Parse(text)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
