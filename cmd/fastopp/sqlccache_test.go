package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fastopp/fastopp/generator"
	"github.com/fastopp/fastopp/templates"
)

// sqlcCacheCase is one set of sqlc inputs that `fastopp new` can render.
type sqlcCacheCase struct {
	about string // the database and features, for the entry's comment
	dir   string // a folder holding only sqlc.yaml and the files it reads
}

// TestSQLCCache proves that the sqlc cache holds, for every database and every choice of
// features `fastopp new` accepts, exactly what a fresh sqlc run writes, byte for byte, and
// no entry besides. Refresh with: go test ./cmd/fastopp -run TestSQLCCache -update
func TestSQLCCache(t *testing.T) {
	cases := sqlcCacheCases(t)
	cacheDir := filepath.Join(repoRoot(t), "cmd", "fastopp", sqlcCacheDir)
	for key, c := range cases {
		t.Run(c.about, func(t *testing.T) {
			fresh := freshSQLCOutput(t, c.dir)
			comment := "sqlc's output for `fastopp new` with " + c.about + " (see sqlccache.go)\n"
			if *update {
				archive, err := formatTxtar(comment, fresh)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(cacheDir, key+".txtar"), archive, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			archive, err := os.ReadFile(filepath.Join(cacheDir, key+".txtar"))
			if err != nil {
				t.Fatalf("the sqlc cache has no entry for %s (%v): refresh it with -update", c.about, err)
			}
			_, cached, err := parseTxtar(archive)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(cached, fresh, func(a, b cachedFile) bool { return a.path == b.path && bytes.Equal(a.content, b.content) }) {
				t.Errorf("the sqlc cache entry %s differs from a fresh sqlc run: refresh it with -update", key)
			}
			// What the binary embeds is what is on disk.
			embedded, err := sqlcCacheFS.ReadFile(path.Join(sqlcCacheDir, key+".txtar"))
			if err != nil || !bytes.Equal(embedded, archive) {
				t.Errorf("the binary does not embed %s as it is on disk (%v)", key, err)
			}
		})
	}
	entries, err := os.ReadDir(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		key, isEntry := strings.CutSuffix(e.Name(), ".txtar")
		if _, ok := cases[key]; ok || !isEntry {
			continue
		}
		if *update {
			os.Remove(filepath.Join(cacheDir, e.Name()))
		} else {
			t.Errorf("%s in %s matches no inputs `fastopp new` renders: refresh the cache with -update", e.Name(), cacheDir)
		}
	}
}

// sqlcCacheCases renders the sqlc inputs of every database and choice of features, keyed
// by their sqlc key: choices that give the same queries and migrations share one.
func sqlcCacheCases(t *testing.T) map[string]sqlcCacheCase {
	t.Helper()
	reg, err := generator.LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]sqlcCacheCase{}
	optional := reg.Optional()
	for _, db := range []string{generator.DBSQLite, generator.DBPostgres} {
		for mask := 0; mask < 1<<len(optional); mask++ {
			features := []string{}
			for i, name := range optional {
				if mask&(1<<i) != 0 {
					features = append(features, name)
				}
			}
			if _, err := reg.Resolve(db, features); err != nil {
				continue // a choice new refuses, such as admin without auth
			}
			dir := sqlcInputsOf(t, reg, generator.NewOptions{Name: "myapp", DB: db, Features: features})
			key, ok, err := sqlcKey(dir)
			if err != nil || !ok {
				t.Fatalf("no sqlc key for %s %v: ok=%v, %v", db, features, ok, err)
			}
			if _, seen := cases[key]; !seen {
				cases[key] = sqlcCacheCase{about: db + ", features " + featureList(features), dir: dir}
			}
		}
	}
	return cases
}

func featureList(features []string) string {
	if len(features) == 0 {
		return "none"
	}
	return strings.Join(features, ",")
}

// sqlcInputsOf renders an app as `fastopp new` would and copies into a new folder only
// sqlc.yaml and the files it reads.
func sqlcInputsOf(t *testing.T, reg *generator.Registry, o generator.NewOptions) string {
	t.Helper()
	o.Dir = filepath.Join(t.TempDir(), "app")
	o.SkipTidy, o.SkipAssets = true, true
	plan, err := generator.PlanNew(reg, o, generator.Tools{})
	if err != nil {
		t.Fatal(err)
	}
	if err := generator.WriteFiles(o.Dir, plan.Files); err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile(filepath.Join(o.Dir, "sqlc.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	patterns, ok := sqlcInputPatterns(config)
	if !ok {
		t.Fatalf("the sqlc.yaml of %s %v is not one the cache accepts:\n%s", o.DB, o.Features, config)
	}
	inputs, err := sqlcInputFiles(o.Dir, patterns)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range append(inputs, "sqlc.yaml") {
		content, err := os.ReadFile(filepath.Join(o.Dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if err := generator.WriteFiles(dir, []generator.File{{Path: name, Content: content, Mode: 0o644}}); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// freshSQLCOutput runs sqlc on the inputs in dir and returns every file it wrote, sorted.
func freshSQLCOutput(t *testing.T, dir string) []cachedFile {
	t.Helper()
	before := map[string]bool{}
	walkFiles(t, dir, func(rel string, _ []byte) { before[rel] = true })
	if err := runSQLCGenerate(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	var out []cachedFile
	walkFiles(t, dir, func(rel string, content []byte) {
		if !before[rel] {
			out = append(out, cachedFile{path: rel, content: content})
		}
	})
	if len(out) == 0 {
		t.Fatal("sqlc wrote nothing")
	}
	return out
}

// walkFiles calls fn with every file under dir (its slash path and content), in lexical order.
func walkFiles(t *testing.T, dir string, fn func(rel string, content []byte)) {
	t.Helper()
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		fn(p, content)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSQLCCacheKeyIgnoresTheApp: the app's name, module path and fastopp's version are not
// sqlc inputs, so every app hits the cache, not only one called myapp.
func TestSQLCCacheKeyIgnoresTheApp(t *testing.T) {
	reg, err := generator.LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, o := range []generator.NewOptions{
		{Name: "myapp"},
		{Name: "shop", Module: "github.com/someone/shop", Version: "v9.8.7"},
	} {
		o.DB = generator.DBPostgres
		key, ok, err := sqlcKey(sqlcInputsOf(t, reg, o))
		if err != nil || !ok {
			t.Fatalf("%s: ok=%v, %v", o.Name, ok, err)
		}
		keys = append(keys, key)
	}
	if keys[0] != keys[1] {
		t.Errorf("the sqlc key depends on the app's name, module or version: %s and %s", keys[0], keys[1])
	}
}

// TestSQLCCacheMissesOnAnyChange: a change to any input (a query, a migration, sqlc.yaml)
// or a file added beside them misses the cache, so sqlc runs.
func TestSQLCCacheMissesOnAnyChange(t *testing.T) {
	reg, err := generator.LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	changes := map[string]func(dir string) error{
		"a query edited": func(dir string) error {
			return appendTo(filepath.Join(dir, "internal/database/queries/notes.sql"), "\n-- a comment\n")
		},
		"a migration edited": func(dir string) error {
			return appendTo(filepath.Join(dir, "internal/database/migrations/00001_create_notes.sql"), "\n")
		},
		"a query file added": func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "internal/database/queries/books.sql"), []byte("-- name: CountNotes :one\nSELECT count(*) FROM notes;\n"), 0o644)
		},
		"sqlc.yaml edited": func(dir string) error {
			return appendTo(filepath.Join(dir, "sqlc.yaml"), "# a comment\n")
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			dir := sqlcInputsOf(t, reg, generator.NewOptions{Name: "myapp", DB: generator.DBSQLite, Features: []string{}})
			if ok, err := cachedQueries(dir); !ok || err != nil {
				t.Fatalf("before the change the cache should hit: ok=%v, %v", ok, err)
			}
			if err := os.RemoveAll(filepath.Join(dir, "internal", "models")); err != nil {
				t.Fatal(err)
			}
			if err := change(dir); err != nil {
				t.Fatal(err)
			}
			if ok, err := cachedQueries(dir); ok || err != nil {
				t.Fatalf("after the change the cache should miss: ok=%v, %v", ok, err)
			}
			if _, err := os.Stat(filepath.Join(dir, "internal", "models")); !os.IsNotExist(err) {
				t.Errorf("a miss wrote files: %v", err)
			}
		})
	}
}

func appendTo(name, text string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	return err
}

// TestSQLCInputPatterns: only a plain configuration (engine, schema, queries, Go code) is
// cached; anything else that could change sqlc's output runs sqlc.
func TestSQLCInputPatterns(t *testing.T) {
	tests := []struct {
		name   string
		config string
		want   []string // nil: not cached
	}{
		{"folders", "version: \"2\"\nsql:\n  - engine: sqlite\n    schema: m\n    queries: q\n    gen: {go: {package: models, out: o}}\n", []string{"m", "q"}},
		{"lists", "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: [a.sql, b]\n    queries: [\"q/*.sql\"]\n", []string{"a.sql", "b", "q/*.sql"}},
		{"a database to analyse against", "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: m\n    queries: q\n    database: {uri: postgres://x}\n", nil},
		{"codegen plugins", "version: \"2\"\nplugins:\n  - name: py\nsql:\n  - engine: sqlite\n    schema: m\n    queries: q\n", nil},
		{"rules", "version: \"2\"\nsql:\n  - engine: sqlite\n    schema: m\n    queries: q\n    rules: [no-delete]\n", nil},
		{"version 1", "version: \"1\"\npackages:\n  - schema: m\n    queries: q\n", nil},
		{"no inputs", "version: \"2\"\nsql: []\n", nil},
		{"not YAML", "version: [", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := sqlcInputPatterns([]byte(tt.config))
			if ok != (tt.want != nil) {
				t.Fatalf("ok = %v, want %v", ok, tt.want != nil)
			}
			slices.Sort(got)
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("patterns = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTxtarRoundTrip: a cache entry reads back as written, and content that the format
// could not hold is refused when written, not misread later.
func TestTxtarRoundTrip(t *testing.T) {
	files := []cachedFile{{"a/b.go", []byte("package b\n\n// -- not a marker\n")}, {"empty.go", nil}, {"c.go", []byte("x\n")}}
	archive, err := formatTxtar("a comment\n", files)
	if err != nil {
		t.Fatal(err)
	}
	comment, got, err := parseTxtar(archive)
	if err != nil {
		t.Fatal(err)
	}
	if comment != "a comment\n" || !slices.EqualFunc(got, files, func(a, b cachedFile) bool { return a.path == b.path && bytes.Equal(a.content, b.content) }) {
		t.Errorf("read back %q, %+v", comment, got)
	}
	for _, bad := range [][]byte{[]byte("no new line"), []byte("x\n-- y.go --\n")} {
		if _, err := formatTxtar("", []cachedFile{{"x.go", bad}}); err == nil {
			t.Errorf("formatTxtar accepted %q", bad)
		}
	}
}

// TestSQLCEnv: sqlc runs with GOGC=400, unless the user chose a GOGC.
func TestSQLCEnv(t *testing.T) {
	tests := []struct{ in, want []string }{
		{nil, []string{"GOGC=400"}},
		{[]string{"HOME=/h"}, []string{"HOME=/h", "GOGC=400"}},
		{[]string{"GOGC=50", "HOME=/h"}, []string{"GOGC=50", "HOME=/h"}},
		{[]string{"GOGC=off"}, []string{"GOGC=off"}},
	}
	for _, tt := range tests {
		if got := sqlcEnv(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("sqlcEnv(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
