package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// testTemplates is a small feature tree that exercises every kind and rule.
func testTemplates() fstest.MapFS {
	yaml := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"README.md":                 file("not a feature"),
		"core/feature.yaml":         yaml("name: core\nkind: core\ngo: [\"github.com/joho/godotenv v1.5.1\"]\nnpm: {htmx.org: 2.0.11}\n"),
		"core/main.go.tmpl":         file("package main\nimport \"fmt\"\nfunc main() {   fmt.Println(\"{{.Name}}\") }\n"),
		"core/web/page.html.tmpl":   file("<h1>[[ .Name ]]</h1>{{ .Title }}[[ if .Features.demo ]] demo[[ end ]]\n"),
		"core/static/logo.bin":      file("{{ not a template }}"),
		"core/notes.txt.tmpl":       file("{{if .Features.database}}has db{{end}}\n"),
		"database/feature.yaml":     yaml("name: database\nkind: database\ngo: [\"github.com/pressly/goose/v3 v3.30.0\"]\n"),
		"database/db.go.tmpl":       file("package db\n"),
		"sqlite/feature.yaml":       yaml("name: sqlite\nkind: engine\ngo: [\"modernc.org/sqlite v1.62.0\"]\n"),
		"sqlite/engine.txt.tmpl":    file("sqlite {{.DB}}\n"),
		"postgres/feature.yaml":     yaml("name: postgres\nkind: engine\n"),
		"postgres/engine.txt.tmpl":  file("postgres {{.DB}}\n"),
		"demo/feature.yaml":         yaml("name: demo\nkind: optional\nsummary: demo pages\n"),
		"demo/demo.txt.tmpl":        file("demo for {{.Module}}\n"),
		"auth/feature.yaml":         yaml("name: auth\nkind: optional\nneeds_database: true\nengine_go: {postgres: [\"github.com/pgvector/pgvector-go v0.3.0\"]}\n"),
		"auth/sqlite/auth.sql.tmpl": file("-- auth on {{.DB}}\n"),
		"auth/postgres/auth.sql":    file("-- auth on postgres\n"),
		"admin/feature.yaml":        yaml("name: admin\nkind: optional\nneeds: [auth]\nneeds_database: true\n"),
	}
}

func mustRegistry(t *testing.T) *Registry {
	t.Helper()
	reg, err := LoadRegistry(testTemplates())
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func TestValidateAppName(t *testing.T) {
	tests := []struct{ name, wantErr string }{
		{"myapp", ""},
		{"my-app_2", ""},
		{"", "needs a name"},
		{"func", "Go keyword"},
		{"../evil", "plain name"},
		{"a/b", "plain name"},
		{`a\b`, "plain name"},
		{"..", "plain name"},
		{"2fast", "start with a letter"},
		{"my app", "e.g. my-app"},
		{"café", "only letters"},
	}
	for _, tt := range tests {
		checkError(t, "ValidateAppName("+tt.name+")", ValidateAppName(tt.name), tt.wantErr)
	}
}

func TestValidateModulePath(t *testing.T) {
	tests := []struct{ path, wantErr string }{
		{"myapp", ""},
		{"github.com/me/myapp", ""},
		{"example.com/a-b/c_d", ""},
		{"", "empty"},
		{"bad path", "not valid"},
		{"github.com/me/../x", "not valid"},
		{"/abs", "not valid"},
		{"net", "standard library"},
		{"fmt/x", "standard library"},
	}
	for _, tt := range tests {
		checkError(t, "ValidateModulePath("+tt.path+")", ValidateModulePath(tt.path), tt.wantErr)
	}
}

// checkError fails unless err is nil when want is empty, or holds want otherwise.
func checkError(t *testing.T, call string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s = %v, want nil", call, err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("%s = %v, want an error containing %q", call, err, want)
	}
}

func TestParseFeatureList(t *testing.T) {
	got := ParseFeatureList(" Demo, auth,,demo ")
	if !slices.Equal(got, []string{"demo", "auth"}) {
		t.Errorf("got %q", got)
	}
	if got := ParseFeatureList(""); got == nil || len(got) != 0 {
		t.Errorf("empty list must be empty but not nil (no features), got %#v", got)
	}
}

func TestResolve(t *testing.T) {
	reg := mustRegistry(t)
	names := func(fs []*Feature) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Name)
		}
		return out
	}
	tests := []struct {
		db      string
		chosen  []string
		want    []string
		wantErr string
	}{
		{"sqlite", []string{"demo"}, []string{"core", "database", "demo", "sqlite"}, ""},
		{"postgres", nil, []string{"core", "database", "postgres"}, ""},
		{"none", []string{"demo"}, []string{"core", "demo"}, ""},
		{"sqlite", []string{"admin", "auth"}, []string{"admin", "auth", "core", "database", "sqlite"}, ""},
		{"mysql", nil, nil, "use --db sqlite, --db postgres or --db none"},
		{"sqlite", []string{"search"}, nil, `unknown feature "search": choose from admin, auth, demo`},
		{"sqlite", []string{"admni"}, nil, `unknown feature "admni" (did you mean admin?): choose from admin, auth, demo`},
		{"sqlite", []string{"Demo"}, nil, `unknown feature "Demo" (did you mean demo?)`},
		{"sqlite", []string{"admin"}, nil, "feature admin needs auth: add it, for example --features admin,auth"},
		{"none", []string{"auth"}, nil, "feature auth needs a database"},
	}
	for _, tt := range tests {
		got, err := reg.Resolve(tt.db, tt.chosen)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Resolve(%s, %v) error = %v, want %q", tt.db, tt.chosen, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(names(got), tt.want) {
			t.Errorf("Resolve(%s, %v) = %v, %v; want %v", tt.db, tt.chosen, names(got), err, tt.want)
		}
	}
}

func TestLoadRegistryRejectsBadDeclarations(t *testing.T) {
	tests := map[string]struct{ yaml, wantErr string }{
		"name mismatch":           {"name: other\nkind: core\n", "must match its folder"},
		"bad kind":                {"name: x\nkind: plugin\n", "kind \"plugin\""},
		"bad go line":             {"name: x\nkind: core\ngo: [\"github.com/a/b\"]\n", "must read"},
		"unknown need":            {"name: x\nkind: optional\nneeds: [nope]\n", "needs \"nope\""},
		"engine_go not an engine": {"name: x\nkind: core\nengine_go: {none: [\"a/b v1.0.0\"]}\n", "not an engine"},
		"bad engine_go line":      {"name: x\nkind: core\nengine_go: {sqlite: [\"a/b\"]}\n", "must read"},
	}
	for name, tt := range tests {
		fsys := fstest.MapFS{"x/feature.yaml": &fstest.MapFile{Data: []byte(tt.yaml)}}
		if _, err := LoadRegistry(fsys); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: error = %v, want %q", name, err, tt.wantErr)
		}
	}
}

func TestRender(t *testing.T) {
	reg := mustRegistry(t)
	features, err := reg.Resolve("none", []string{"demo"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := NewTemplateData("shop", "example.com/shop", "none", "dev", features)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(features, data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Content)
	}
	want := map[string]string{
		"main.go":         "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"shop\") }\n",
		"web/page.html":   "<h1>shop</h1>{{ .Title }} demo\n",
		"static/logo.bin": "{{ not a template }}",
		"demo.txt":        "demo for example.com/shop\n",
	}
	if len(got) != len(want) {
		t.Errorf("rendered %d files %v, want %d (notes.txt renders empty and is left out)", len(got), keys(got), len(want))
	}
	for path, content := range want {
		if got[path] != content {
			t.Errorf("%s = %q, want %q", path, got[path], content)
		}
	}
	if len(data.Requires) != 1 || data.Requires[0].Path != "github.com/joho/godotenv" || data.NPM["htmx.org"] != "2.0.11" {
		t.Errorf("requirements not gathered from feature.yaml: %+v %v", data.Requires, data.NPM)
	}
}

// TestEngineGoModules: a module a feature needs on one engine only is required on that engine.
func TestEngineGoModules(t *testing.T) {
	reg := mustRegistry(t)
	for db, want := range map[string]bool{DBSQLite: false, DBPostgres: true} {
		features, err := reg.Resolve(db, []string{"auth"})
		if err != nil {
			t.Fatal(err)
		}
		data, err := NewTemplateData("shop", "shop", db, "dev", features)
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Contains(data.Requires, Module{Path: "github.com/pgvector/pgvector-go", Version: "v0.3.0"})
		if got != want {
			t.Errorf("--db %s: requires pgvector-go = %v, want %v (%+v)", db, got, want, data.Requires)
		}
	}
}

// TestRenderEngineSubfolders: a feature's sqlite/ and postgres/ subfolders reach the app only
// on their engine, without the folder's name.
func TestRenderEngineSubfolders(t *testing.T) {
	reg := mustRegistry(t)
	for db, want := range map[string]string{DBSQLite: "-- auth on sqlite\n", DBPostgres: "-- auth on postgres\n"} {
		features, err := reg.Resolve(db, []string{"auth"})
		if err != nil {
			t.Fatal(err)
		}
		data, err := NewTemplateData("shop", "shop", db, "dev", features)
		if err != nil {
			t.Fatal(err)
		}
		files, err := Render(features, data)
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		got := ""
		for _, f := range files {
			paths = append(paths, f.Path)
			if f.Path == "auth.sql" {
				got = string(f.Content)
			}
		}
		if got != want || slices.ContainsFunc(paths, func(p string) bool { return strings.HasPrefix(p, "sqlite/") || strings.HasPrefix(p, "postgres/") }) {
			t.Errorf("--db %s: auth.sql = %q, want %q; files %v", db, got, want, paths)
		}
	}
}

func TestRenderRefusesTwoFeaturesWritingOnePath(t *testing.T) {
	fsys := testTemplates()
	fsys["demo/main.go.tmpl"] = &fstest.MapFile{Data: []byte("package main\n")}
	reg, err := LoadRegistry(fsys)
	if err != nil {
		t.Fatal(err)
	}
	features, _ := reg.Resolve("none", []string{"demo"})
	data, _ := NewTemplateData("a", "a", "none", "dev", features)
	if _, err := Render(features, data); err == nil || !strings.Contains(err.Error(), "both write main.go") {
		t.Fatalf("error = %v", err)
	}
}

func TestRenderReportsGoThatDoesNotParse(t *testing.T) {
	fsys := testTemplates()
	fsys["core/main.go.tmpl"] = &fstest.MapFile{Data: []byte("package main\nfunc {\n")}
	reg, _ := LoadRegistry(fsys)
	features, _ := reg.Resolve("none", nil)
	data, _ := NewTemplateData("a", "a", "none", "dev", features)
	if _, err := Render(features, data); err == nil || !strings.Contains(err.Error(), "templates/core/main.go.tmpl") {
		t.Fatalf("error = %v, want it to name the template", err)
	}
}

// TestRenderInParallelIsStable: files render several at a time, yet the result, and the
// error when several templates are broken, are those of rendering them one by one in order.
func TestRenderInParallelIsStable(t *testing.T) {
	fsys := testTemplates()
	for i := range 60 {
		fsys[fmt.Sprintf("core/gen/f%02d.go.tmpl", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("package gen\nconst   N%02d = %d // {{ .Name }}\n", i, i))}
	}
	reg, err := LoadRegistry(fsys)
	if err != nil {
		t.Fatal(err)
	}
	features, _ := reg.Resolve("none", nil)
	data, _ := NewTemplateData("a", "a", "none", "dev", features)
	first, err := Render(features, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range first {
		if !strings.HasPrefix(f.Path, "gen/") {
			continue
		}
		want, _, err := renderOne(f.Path+".tmpl", fsys["core/"+f.Path+".tmpl"].Data, "", data)
		if err != nil || !bytes.Equal(f.Content, want.Content) {
			t.Errorf("%s = %q, want %q (%v)", f.Path, f.Content, want.Content, err)
		}
	}
	for range 5 {
		again, err := Render(features, data)
		if err != nil || !slices.EqualFunc(first, again, func(a, b File) bool { return a.Path == b.Path && bytes.Equal(a.Content, b.Content) }) {
			t.Fatalf("a second rendering differs (%v)", err)
		}
	}
	for _, broken := range []string{"core/gen/f07.go.tmpl", "core/gen/f31.go.tmpl", "core/gen/f59.go.tmpl"} {
		fsys[broken] = &fstest.MapFile{Data: []byte("package gen\nfunc {\n")}
	}
	reg, _ = LoadRegistry(fsys)
	features, _ = reg.Resolve("none", nil)
	for range 5 {
		if _, err := Render(features, data); err == nil || !strings.Contains(err.Error(), "templates/core/gen/f07.go.tmpl") {
			t.Fatalf("error = %v, want the first broken template, f07", err)
		}
	}
}

// TestWriteFilesLaterWins: of two files with one path (an input a plan also rewrites), the
// later is written, as when files were written one by one.
func TestWriteFilesLaterWins(t *testing.T) {
	dir := t.TempDir()
	var files []File
	for i := range 40 {
		files = append(files, File{Path: fmt.Sprintf("d%d/f.txt", i%7), Content: []byte(fmt.Sprint(i)), Mode: 0o644})
	}
	if err := WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range files {
		want[f.Path] = string(f.Content)
	}
	for path, content := range want {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
		if err != nil || string(got) != content {
			t.Errorf("%s = %q, want %q (%v)", path, got, content, err)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func newOpts(dir string) NewOptions {
	return NewOptions{Name: "shop", DB: "sqlite", Dir: dir, SkipTidy: true, SkipAssets: true}
}

func TestNewWritesAppAndManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop")
	var out bytes.Buffer
	if _, err := New(context.Background(), testTemplates(), newOpts(dir), Tools{}, &out); err != nil {
		t.Fatal(err)
	}
	manifest, err := os.ReadFile(filepath.Join(dir, "fastopp.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"name": "shop"`, `"module": "shop"`, `"db": "sqlite"`, `"demo"`} {
		if !strings.Contains(string(manifest), want) {
			t.Errorf("manifest lacks %s:\n%s", want, manifest)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "has db\n" {
		t.Errorf("notes.txt = %q", b)
	}
	assertNoStaging(t, filepath.Dir(dir))
}

func TestNewDryRunWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop")
	o := newOpts(dir)
	o.DryRun = true
	var out bytes.Buffer
	if _, err := New(context.Background(), testTemplates(), o, Tools{}, &out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("dry run created %s", dir)
	}
	for _, want := range []string{"nothing was written", "create", filepath.Join(dir, "main.go"), filepath.Join(dir, "fastopp.json")} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("dry-run output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestNewRefusesNonEmptyTargetWithConflicts(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "main.go")
	if err := os.WriteFile(mine, []byte("my own work"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dry := range []bool{false, true} {
		o := newOpts(dir)
		o.DryRun = dry
		var out bytes.Buffer
		_, err := New(context.Background(), testTemplates(), o, Tools{}, &out)
		if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "main.go") || !strings.Contains(err.Error(), "--force") {
			t.Fatalf("dry=%v: error = %v, want a conflict naming main.go and --force", dry, err)
		}
		if dry && !strings.Contains(out.String(), "conflict") {
			t.Errorf("dry run does not mark the conflict:\n%s", out.String())
		}
		if b, _ := os.ReadFile(mine); string(b) != "my own work" {
			t.Fatalf("dry=%v: the user's file was changed", dry)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Fatalf("dry=%v: something was written: %v", dry, entries)
		}
	}
	assertNoStaging(t, filepath.Dir(dir))
}

func TestNewRefusesNonEmptyTargetWithoutOverlap(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "unrelated.txt"), nil, 0o644)
	_, err := New(context.Background(), testTemplates(), newOpts(dir), Tools{}, &bytes.Buffer{})
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("error = %v", err)
	}
}

func TestNewForceOverwritesAndKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("keep"), 0o644)
	o := newOpts(dir)
	o.Force = true
	if _, err := New(context.Background(), testTemplates(), o, Tools{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "main.go")); !strings.Contains(string(b), "shop") {
		t.Errorf("main.go not overwritten: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "keep.txt")); string(b) != "keep" {
		t.Errorf("keep.txt lost: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "web", "page.html")); err != nil {
		t.Errorf("nested file not moved in: %v", err)
	}
	assertNoStaging(t, filepath.Dir(dir))
}

func TestNewFailedStepLeavesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop")
	sawFiles := false
	tools := Tools{SQLC: func(ctx context.Context, stage string) error {
		_, err := os.Stat(filepath.Join(stage, "main.go"))
		sawFiles = err == nil
		return errors.New("broken query")
	}}
	fsys := testTemplates()
	fsys["database/sqlc.yaml"] = &fstest.MapFile{Data: []byte("version: \"2\"\n")}
	_, err := New(context.Background(), fsys, newOpts(dir), tools, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "broken query") || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("error = %v", err)
	}
	if !sawFiles {
		t.Error("the step did not run on the staged files")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists after a failure", dir)
	}
	assertNoStaging(t, filepath.Dir(dir))
}

func TestNewCancelledLeavesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop")
	ctx, cancel := context.WithCancel(context.Background())
	tools := Tools{SQLC: func(context.Context, string) error { cancel(); return nil }} // Ctrl-C during a step
	fsys := testTemplates()
	fsys["database/sqlc.yaml"] = &fstest.MapFile{Data: []byte("version: \"2\"\n")}
	if _, err := New(ctx, fsys, newOpts(dir), tools, &bytes.Buffer{}); !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want ErrInterrupted and context.Canceled", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists after Ctrl-C", dir)
	}
	assertNoStaging(t, filepath.Dir(dir))
}

func TestNewOptionErrors(t *testing.T) {
	tests := []struct {
		edit    func(*NewOptions)
		wantErr string
	}{
		{func(o *NewOptions) { o.Name = "../x" }, "plain name"},
		{func(o *NewOptions) { o.Module = "has space" }, "module path"},
		{func(o *NewOptions) { o.Minimal = true; o.Features = []string{"demo"} }, "cannot be used together"},
		{func(o *NewOptions) { o.Features = []string{"nope"} }, "unknown feature"},
		{func(o *NewOptions) { o.DB = "oracle" }, "unknown database"},
	}
	for _, tt := range tests {
		dir := filepath.Join(t.TempDir(), "shop")
		o := newOpts(dir)
		tt.edit(&o)
		_, err := New(context.Background(), testTemplates(), o, Tools{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("error = %v, want %q", err, tt.wantErr)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s written despite bad options", dir)
		}
	}
}

func TestNewPlansStepsFromTools(t *testing.T) {
	fsys := testTemplates()
	fsys["database/sqlc.yaml"] = &fstest.MapFile{Data: []byte("version: \"2\"\n")}
	fsys["core/package.json"] = &fstest.MapFile{Data: []byte("{}")}
	reg, _ := LoadRegistry(fsys)
	noop := func(context.Context, string) error { return nil }
	stepNames := func(o NewOptions, look func(string) (string, error)) []string {
		var log bytes.Buffer
		p, err := PlanNew(reg, o, Tools{SQLC: noop, LookPath: look, Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range p.Steps {
			names = append(names, s.Name)
		}
		return names
	}
	found := func(string) (string, error) { return "/bin/true", nil }
	missing := func(string) (string, error) { return "", errors.New("not found") }
	dir := filepath.Join(t.TempDir(), "shop")
	o := NewOptions{Name: "shop", Dir: dir}
	if got := stepNames(o, found); len(got) != 5 || got[1] != "go mod tidy" || got[3] != "npm run build" || got[4] != BuildStepName {
		t.Errorf("steps = %q", got)
	}
	if got := stepNames(o, missing); len(got) != 3 || got[2] != BuildStepName {
		t.Errorf("without npm the asset steps must be left out, got %q", got)
	}
	o.SkipBuild = true
	if got := stepNames(o, found); len(got) != 4 || slices.Contains(got, BuildStepName) {
		t.Errorf("--skip-build: want no compile, got %q", got)
	}
	o.SkipBuild, o.SkipTidy = false, true
	if got := stepNames(o, found); len(got) != 3 || slices.Contains(got, BuildStepName) {
		t.Errorf("--skip-tidy: the compile needs go.sum, so it is left out too; got %q", got)
	}
	o.DB, o.SkipTidy, o.SkipAssets = "none", true, true
	if got := stepNames(o, found); len(got) != 0 {
		t.Errorf("no database and skips: want no steps, got %q", got)
	}
}

// assertNoStaging fails when a staging directory was left in parent.
func assertNoStaging(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".fastopp-") {
			t.Errorf("staging directory %s left behind", e.Name())
		}
	}
}
