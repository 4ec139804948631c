package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// scenario is one combination of `fastopp new` options that is tested end to end.
type scenario struct {
	name string     // folder under testdata/golden
	db   string     // the --db choice, which decides the database the app's tests need
	auth bool       // the app has the auth feature
	args []string   // flags after `fastopp new myapp`
	adds [][]string // `fastopp add` commands run in the app after new, in order
}

// growth adds three models (with references to users, to another model and to itself,
// every field type, and Go keywords as field names) and two pages: what a tutorial does.
var growth = [][]string{
	{"add", "model", "Author", "name:string:unique", "bio:text:optional", "type:string:optional", "func:int:optional"}, // Go keywords as fields
	{"add", "model", "Book", "title:string", "pages:int", "published:bool:index", "author:references:authors",
		"owner:references:users", "summary:text:optional", "price:decimal:optional", "released:date", "rating:float:default=2.5", "--pages"},
	{"add", "model", "Category", "name:string", "parent:references:categories:optional", "meta:json:optional",
		"code:uuid:optional", "cover:image:optional", "manual:file:optional", "starts_at:time:optional",
		"views:bigint:default=0", "day:date:optional", "featured:bool:optional", "--pages"},
	{"add", "page", "about", "--nav"},
	{"add", "page", "contact", "--path", "/contact-us", "--title", "Contact us"},
}

// uploadsGrowth adds a model with a required image, an optional file and public pages (its
// files served to anyone), and an admin-only model with an image (served to those who may view it).
var uploadsGrowth = [][]string{
	{"add", "model", "Person", "name:string", "photo:image", "cv:file:optional", "--pages"},
	{"add", "model", "Receipt", "total:decimal", "scan:image:optional", "paid:bool"},
}

var scenarios = []scenario{
	{name: "default", db: "sqlite", auth: true},
	{name: "postgres", db: "postgres", auth: true, args: []string{"--db", "postgres"}},
	{name: "no-auth", db: "sqlite", args: []string{"--features", "demo"}},
	{name: "auth-no-admin", db: "sqlite", auth: true, args: []string{"--features", "auth,demo"}},
	{name: "chat-no-admin", db: "sqlite", auth: true, args: []string{"--features", "auth,chat"}},
	{name: "none-minimal", db: "none", args: []string{"--db", "none", "--minimal"}},
	{name: "grown", db: "sqlite", auth: true, adds: growth},
	{name: "grown-postgres", db: "postgres", auth: true, args: []string{"--db", "postgres"}, adds: growth},
	{name: "grown-uploads", db: "sqlite", auth: true, adds: uploadsGrowth},
	{name: "grown-uploads-postgres", db: "postgres", auth: true, args: []string{"--db", "postgres"}, adds: uploadsGrowth},
	// Models of one field (sqlc passes it without a params struct), in an app without auth.
	{name: "grown-no-auth", db: "sqlite", args: []string{"--features", "demo"}, adds: [][]string{
		{"add", "model", "Author", "name:string:unique"},
		{"add", "model", "Book", "title:string", "author:references:authors", "--pages"},
		{"add", "model", "Event", "at:time", "--pages"}, // one field, and no text to search
		{"add", "page", "about", "--nav"},
	}},
}

// migrationClock dates the migrations of `add model` in tests, so golden trees stay put.
func migrationClock() time.Time { return time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC) }

// generate runs `fastopp new myapp` for a scenario into dir, with extra flags.
func generate(t testing.TB, sc scenario, dir string, extra ...string) {
	t.Helper()
	if err := generateErr(t, sc, dir, extra...); err != nil {
		t.Fatal(err)
	}
}

func generateErr(t testing.TB, sc scenario, dir string, extra ...string) error {
	args := append([]string{"new", "myapp", "--dir", dir, "--yes"}, sc.args...)
	args = append(args, extra...)
	if _, stderr, err := execute(t, environment{}, args...); err != nil {
		return fmt.Errorf("fastopp %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	for _, add := range sc.adds {
		add = append(slices.Clone(add), "--dir", dir)
		if _, stderr, err := execute(t, environment{now: migrationClock}, add...); err != nil {
			return fmt.Errorf("fastopp %s: %v\n%s", strings.Join(add, " "), err, stderr)
		}
	}
	return nil
}

// TestGolden compares every generated file with testdata/golden/<scenario>.
// Refresh with: go test ./cmd/fastopp -run TestGolden -update
func TestGolden(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "myapp")
			generate(t, sc, dir, "--skip-tidy", "--skip-assets")
			checkImportGroups(t, dir)
			compareTrees(t, dir, filepath.Join(repoRoot(t), "testdata", "golden", sc.name))
		})
	}
}

// TestExampleIsCurrent keeps examples/myapp equal to what `fastopp new myapp` makes now.
// Refresh with: go test ./cmd/fastopp -run TestExampleIsCurrent -update
func TestExampleIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: go mod tidy needs the module proxy")
	}
	dir := filepath.Join(t.TempDir(), "myapp")
	generate(t, scenarios[0], dir, "--skip-assets", "--skip-build")
	compareTrees(t, dir, filepath.Join(repoRoot(t), "examples", "myapp"))
}

// compareTrees fails for every file that differs between got and the golden
// tree want; with -update it replaces want by got.
func compareTrees(t *testing.T, got, want string) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(want); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(want, os.DirFS(got)); err != nil {
			t.Fatal(err)
		}
		return
	}
	gotFiles, wantFiles := readTree(t, got), readTree(t, want)
	for path, content := range gotFiles {
		old, ok := wantFiles[path]
		switch {
		case !ok:
			t.Errorf("%s is generated but not in %s", path, want)
		case !bytes.Equal(content, old):
			t.Errorf("%s differs from %s:\n%s", path, want, firstDifference(old, content))
		}
	}
	for path := range wantFiles {
		if _, ok := gotFiles[path]; !ok {
			t.Errorf("%s is in %s but no longer generated", path, want)
		}
	}
	if t.Failed() {
		t.Log("if the change is intended, refresh with -update and review the diff")
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", root, err)
	}
	return files
}

// firstDifference shows the first line where two files part.
func firstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d\n  want: %q\n  got:  %q", i+1, wl, gl)
		}
	}
	return "(only line endings differ)"
}
