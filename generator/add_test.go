package generator

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/fastopp/fastopp/scaffolds"
	"github.com/fastopp/fastopp/templates"
)

func TestNewModelName(t *testing.T) {
	tests := []struct{ name, goName, table, singular, wantErr string }{
		{"Book", "Book", "books", "book", ""},
		{"Person", "Person", "people", "person", ""},
		{"Category", "Category", "categories", "category", ""},
		{"Status", "Status", "statuses", "status", ""},
		{"Box", "Box", "boxes", "box", ""},
		{"books", "Book", "books", "book", ""},
		{"blog_post", "BlogPost", "blog_posts", "blog post", ""},
		{"BlogPost", "BlogPost", "blog_posts", "blog post", ""},
		{"Order", "Order", "orders", "order", ""},
		{"Todo", "Todo", "todos", "todo", ""},
		{"todos", "Todo", "todos", "todo", ""},
		{"Demo", "Demo", "demos", "demo", ""},
		{"VideoMemo", "VideoMemo", "video_memos", "video memo", ""},
		{"Hero", "Hero", "heroes", "hero", ""},
		{"heroes", "Hero", "heroes", "hero", ""},
		{"Tomato", "Tomato", "tomatoes", "tomato", ""},
		{"Photo", "Photo", "photos", "photo", ""},
		{"Radio", "Radio", "radios", "radio", ""},
		{"Group", "", "", "", "reserved word"},
		{"News", "", "", "", "same in the singular and the plural"},
		{"2fast", "", "", "", "starting with a letter"},
		{"my-model", "", "", "", "letters and digits"},
		{"", "", "", "", "letters and digits"},
		{strings.Repeat("Long", 10), "", "", "", "too long"},
	}
	for _, tt := range tests {
		got, err := NewModelName(tt.name)
		checkError(t, "NewModelName("+tt.name+")", err, tt.wantErr)
		if err == nil && (got.Go != tt.goName || got.Table != tt.table || got.Singular != tt.singular) {
			t.Errorf("NewModelName(%q) = %+v, want %s %s %q", tt.name, got, tt.goName, tt.table, tt.singular)
		}
	}
}

func TestParseField(t *testing.T) {
	models := []string{"authors", "users"}
	tests := []struct {
		spec    string
		want    string // column, SQLite type, optional, unique, index, default, references
		wantErr string
	}{
		{"title:string", "title TEXT false false false  ", ""},
		{"pages:int:optional", "pages INTEGER true false false  ", ""},
		{"published:bool:index:default=true", "published BOOLEAN false false true TRUE ", ""},
		{"author:references:users", "author_id INTEGER false false false  users", ""},
		{"author:references:Author:optional", "author_id INTEGER true false false  authors", ""},
		{"code:uuid:unique", "code TEXT false true false  ", ""},
		{"note:string:default=it's", "note TEXT false false false 'it''s' ", ""},
		{"at:time:default=now", "at DATETIME false false false CURRENT_TIMESTAMP ", ""},
		{"type:string", "type TEXT false false false  ", ""}, // a Go keyword, but fine as a column
		{"func:int", "func INTEGER false false false  ", ""},
		{"title", "", "needs a name and a type"},
		{"title:", "", "needs a name and a type"},
		{":string", "", "needs a name and a type"},
		{"title:strng", "", `unknown type "strng" (did you mean string?); the types are string, text,`},
		{"title:strnig", "", `(did you mean string?)`},
		{"count:integer", "", `unknown type "integer" (did you mean int?)`},
		{"done:boolean", "", `(did you mean bool?)`},
		{"at:timestamp", "", `(did you mean time?)`},
		{"title:txet", "", `(did you mean text?)`},
		{"owner:refrences:users", "", `(did you mean references?)`},
		{"title:zzzzzz", "", `unknown type "zzzzzz"; the types are`}, // nothing near: no guess
		{"pages:int:optinal", "", `unknown modifier "optinal" (did you mean optional?)`},
		{"pages:int:uniq", "", `(did you mean unique?)`},
		// A reference's column is NAME_id: a name reserved alone is fine there.
		{"user:references:users", "user_id INTEGER false false false  users", ""},
		{"order:references:users:optional", "order_id INTEGER true false false  users", ""},
		{"group:references:users", "group_id INTEGER false false false  users", ""},
		{"user:string", "", `"user" is a reserved word in SQL`},
		{"a_very_long_name_of_an_author:references:users", "", "makes the column a_very_long_name_of_an_author_id, longer than 30"},
		{"Title:string", "", "lower case"},
		{"order:int", "", "reserved word in SQL"},
		{"select:string", "", "reserved word in SQL"},
		{"group:string", "", "reserved word in SQL"},
		{"id:int", "", "already has id"},
		{"created_at:time", "", "already has id, created_at"},
		{"pages:int:often", "", `unknown modifier "often"`},
		{"pages:int:default=many", "", "is not a int"},
		{"ok:bool:default=yes", "", "is not a bool"},
		{"on:date:default=2030-13-01", "", "reserved word"},
		{"day:date:default=2030-13-01", "", "is not a date"},
		{"meta:json:default={", "", "is not a json"},
		{"owner:references", "", "say which model it points to"},
		{"owner:references:ghosts", "", "has no model ghosts"},
		{"price:decimal:default=1.234", "", "is not a decimal"},
	}
	for _, tt := range tests {
		f, err := ParseField(tt.spec, models)
		checkError(t, "ParseField("+tt.spec+")", err, tt.wantErr)
		if err != nil {
			continue
		}
		got := fmt.Sprintf("%s %s %v %v %v %s %s", f.Column, f.SQLType(DBSQLite), f.Optional, f.Unique, f.Index, f.Default, f.References)
		if got != tt.want {
			t.Errorf("ParseField(%q) = %q, want %q", tt.spec, got, tt.want)
		}
	}
}

func TestNewPageSpec(t *testing.T) {
	spec, err := NewPageSpec("contact-us", "", "", true)
	if err != nil || spec.Path != "/contact-us" || spec.Title != "Contact Us" {
		t.Errorf("defaults: %+v, %v", spec, err)
	}
	for _, tt := range []struct{ name, path, title, wantErr string }{
		{"about", "/About", "", "lower-case"},
		{"about", "about", "", "must start with /"},
		{"about", "/a//b", "", "must start with /"},
		{"about", "", "<script>", "plain text"},
		{"about", "", "{{ .Secret }}", "plain text"},
		{"1about", "", "", "starting with a letter"},
		{"a b", "", "", "starting with a letter"},
	} {
		_, err := NewPageSpec(tt.name, tt.path, tt.title, false)
		checkError(t, fmt.Sprintf("NewPageSpec(%q, %q, %q)", tt.name, tt.path, tt.title), err, tt.wantErr)
	}
}

// newTestApp writes an app with the real templates (without running sqlc, tidy or npm).
func newTestApp(t *testing.T, db string) string {
	t.Helper()
	return newTestAppWith(t, db, "admin", "auth", "demo")
}

// newTestAppWith makes an app with these features, for `fastopp add` to change.
func newTestAppWith(t *testing.T, db string, features ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "app")
	o := NewOptions{Name: "app", DB: db, Dir: dir, SkipTidy: true, SkipAssets: true, Features: features}
	if _, err := New(t.Context(), templates.FS, o, Tools{}, io.Discard); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fakeSQLC writes the one file the generator checks, as sqlc would name the model's type.
func fakeSQLC(goType string) func(context.Context, string) error {
	return func(_ context.Context, dir string) error {
		out := filepath.Join(dir, "internal", "models")
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(out, "models.go"), []byte("package models\n\ntype "+goType+" struct{}\n"), 0o644)
	}
}

// snapshot hashes every file under dir, to prove that a refused command changed nothing.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func assertUnchanged(t *testing.T, dir string, before map[string][32]byte) {
	t.Helper()
	after := snapshot(t, dir)
	var diff []string
	for p, h := range after {
		if before[p] != h {
			diff = append(diff, "changed or new: "+p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			diff = append(diff, "removed: "+p)
		}
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		t.Errorf("the app changed:\n%s", strings.Join(diff, "\n"))
	}
}

func addBook(t *testing.T, dir string, sqlc func(context.Context, string) error, force bool) error {
	t.Helper()
	o := AddModelOptions{
		AddOptions: AddOptions{Dir: dir, Force: force, Now: func() time.Time { return time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC) }},
		Name:       "Book", Fields: []string{"title:string", "author:references:users"}, Pages: true,
	}
	_, err := AddModel(t.Context(), templates.FS, scaffolds.FS, o, Tools{SQLC: sqlc}, io.Discard)
	return err
}

func TestIndexedFields(t *testing.T) {
	var fields []Field
	for _, spec := range []string{"summary:text", "code:uuid:unique", "pages:int", "author:references:users", "price:decimal", "day:date:index"} {
		f, err := ParseField(spec, []string{"users"})
		if err != nil {
			t.Fatal(err)
		}
		fields = append(fields, f)
	}
	m := Model{Fields: fields}
	columns := func(fields []Field) string {
		var out []string
		for _, f := range fields {
			out = append(out, f.Column)
		}
		return strings.Join(out, " ")
	}
	// Listed: summary, code, pages, author_id. The admin sorts by them, but summary is long
	// text and code is unique; price is not listed; day asks for an index.
	if got, want := columns(m.Indexed(true)), "pages author_id day"; got != want {
		t.Errorf("with the admin, indexed %q, want %q", got, want)
	}
	if got, want := columns(m.Indexed(false)), "author_id day"; got != want {
		t.Errorf("without the admin, indexed %q, want %q", got, want)
	}
}

func TestAddModelWritesEveryPartAndRefusesASecondTime(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	if err := addBook(t, dir, fakeSQLC("Book"), false); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"internal/database/migrations/20300102030405_create_books.sql", "internal/database/queries/books.sql",
		"internal/services/books.go", "internal/services/books_test.go", "internal/admin/table_books.go",
		"internal/admin/table_books_test.go", "internal/pages/books.go", "internal/web/templates/pages/books.html",
		"internal/models/models.go",
	} {
		if !exists(dir, p) {
			t.Errorf("%s was not written", p)
		}
	}
	for path, want := range map[string]string{
		"internal/admin/tables.go":                       "booksTable,",
		"internal/server/routes.go":                      `mux.HandleFunc("GET /books/{id}", books.Show)`,
		"internal/web/templates/partials/nav_links.html": `<a href="/books"`,
		ManifestFile: `"author:references:users"`,
	} {
		if data, _ := os.ReadFile(filepath.Join(dir, path)); !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %s:\n%s", path, want, data)
		}
	}

	before := snapshot(t, dir)
	err := addBook(t, dir, fakeSQLC("Book"), true)
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "model Book already exists") {
		t.Errorf("second add: %v, want a refusal", err)
	}
	assertUnchanged(t, dir, before)
}

func TestAddModelFailedSQLCLeavesTheAppAsItWas(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	before := snapshot(t, dir)
	failing := func(context.Context, string) error { return errors.New("sqlc: syntax error near ORDER") }
	if err := addBook(t, dir, failing, false); err == nil || !strings.Contains(err.Error(), "failed; nothing was written") {
		t.Errorf("add with failing sqlc: %v", err)
	}
	assertUnchanged(t, dir, before)

	// sqlc naming the type differently from fastopp is caught before anything is written.
	if err := addBook(t, dir, fakeSQLC("Bok"), false); err == nil || !strings.Contains(err.Error(), "named the books table's Go type differently") {
		t.Errorf("add with a mismatched sqlc name: %v", err)
	}
	assertUnchanged(t, dir, before)
}

func TestAddForceOverwritesOnlyFastoppsOwnFiles(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	owned := filepath.Join(dir, "internal", "admin", "tables.go")
	if err := os.WriteFile(owned, []byte("// Code generated by fastopp. DO NOT EDIT.\npackage admin // edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	if err := addBook(t, dir, fakeSQLC("Book"), false); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "internal/admin/tables.go was edited") {
		t.Errorf("add over an edited owned file: %v, want a refusal", err)
	}
	assertUnchanged(t, dir, before)

	// A student's file where a new one would go is never overwritten, even with --force.
	mine := filepath.Join(dir, "internal", "services", "books.go")
	if err := os.WriteFile(mine, []byte("package services // mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, dir)
	if err := addBook(t, dir, fakeSQLC("Book"), true); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "internal/services/books.go exists already") {
		t.Errorf("add over a student's file with --force: %v, want a refusal", err)
	}
	assertUnchanged(t, dir, before)

	if err := os.Remove(mine); err != nil {
		t.Fatal(err)
	}
	if err := addBook(t, dir, fakeSQLC("Book"), true); err != nil {
		t.Fatalf("add with --force over an edited owned file: %v", err)
	}
	if data, _ := os.ReadFile(owned); !strings.Contains(string(data), "booksTable") {
		t.Errorf("--force did not rewrite tables.go:\n%s", data)
	}
}

func TestAddRefusesAppsItCannotGrow(t *testing.T) {
	if err := addBook(t, t.TempDir(), nil, false); err == nil || !strings.Contains(err.Error(), "not an app made by `fastopp new`") {
		t.Errorf("outside an app: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := New(t.Context(), templates.FS, NewOptions{Name: "site", DB: DBNone, Dir: dir, SkipTidy: true, SkipAssets: true}, Tools{}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := addBook(t, dir, nil, false); err == nil || !strings.Contains(err.Error(), "has no database") {
		t.Errorf("in an app without a database: %v", err)
	}
	app := newTestApp(t, DBSQLite)
	o := AddModelOptions{AddOptions: AddOptions{Dir: app}, Name: "Note", Fields: []string{"body:text"}}
	if _, err := AddModel(t.Context(), templates.FS, scaffolds.FS, o, Tools{}, io.Discard); err == nil || !strings.Contains(err.Error(), "already has a table notes") {
		t.Errorf("a model over the built-in notes table: %v", err)
	}
	// rag_vectors is made when the app starts, not by a migration: it is taken all the same.
	withRAG := AddModelOptions{AddOptions: AddOptions{Dir: newTestAppWith(t, DBPostgres, "auth", "rag")}, Name: "RagVector", Fields: []string{"body:text"}}
	if _, err := AddModel(t.Context(), templates.FS, scaffolds.FS, withRAG, Tools{}, io.Discard); err == nil || !strings.Contains(err.Error(), "already has a table rag_vectors (the rag feature's)") {
		t.Errorf("a model over the rag feature's vectors table: %v", err)
	}
	// An app made before uploads existed: an image field would not compile in it, so add
	// model says why and what to do, and writes nothing.
	if err := os.RemoveAll(filepath.Join(app, "internal/uploads")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, app)
	o = AddModelOptions{AddOptions: AddOptions{Dir: app}, Name: "Person", Fields: []string{"name:string", "photo:image"}}
	if _, err := AddModel(t.Context(), templates.FS, scaffolds.FS, o, Tools{}, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "made before fastopp had uploads") || !strings.Contains(err.Error(), "Make photo a string field") {
		t.Errorf("an image field in an app without uploads: %v", err)
	}
	assertUnchanged(t, app, before)
}

func TestAddPageAndItsDryRun(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	before := snapshot(t, dir)
	var out strings.Builder
	o := AddPageOptions{AddOptions: AddOptions{Dir: dir, DryRun: true}, Name: "about", Nav: true}
	if _, err := AddPage(t.Context(), templates.FS, scaffolds.FS, o, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "create    "+filepath.Join(dir, "internal/pages/about.go")) {
		t.Errorf("dry run printed:\n%s", out.String())
	}
	assertUnchanged(t, dir, before)

	o.DryRun = false
	if _, err := AddPage(t.Context(), templates.FS, scaffolds.FS, o, io.Discard); err != nil {
		t.Fatal(err)
	}
	routes, _ := os.ReadFile(filepath.Join(dir, "internal/server/routes.go"))
	nav, _ := os.ReadFile(filepath.Join(dir, "internal/web/templates/partials/nav_links.html"))
	if !strings.Contains(string(routes), `mux.Handle("GET /about", pages.AboutPage(render))`) || !strings.Contains(string(nav), `href="/about"`) {
		t.Errorf("routes or nav lack the page:\n%s\n%s", routes, nav)
	}
	for _, taken := range []AddPageOptions{
		{Name: "about"}, {Name: "login"}, {Name: "help", Path: "/admin/help"}, {Name: "licence", Path: "/demo/licence"},
	} {
		taken.Dir = dir
		if _, err := AddPage(t.Context(), templates.FS, scaffolds.FS, taken, io.Discard); !errors.Is(err, ErrConflict) {
			t.Errorf("add page %s at %q: %v, want a refusal", taken.Name, taken.Path, err)
		}
	}
}

func TestWriteInPlacePutsEverythingBackOnFailure(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kept.txt"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A folder where a file must go makes the last rename fail.
	if err := os.MkdirAll(filepath.Join(dir, "blocked", "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	err := writeInPlace(dir, []File{
		{Path: "kept.txt", Content: []byte("new"), Mode: 0o644},
		{Path: "new/deep/file.txt", Content: []byte("x"), Mode: 0o644},
		{Path: "blocked", Content: []byte("x"), Mode: 0o644},
	})
	if err == nil || !strings.Contains(err.Error(), "left as it was") {
		t.Fatalf("writeInPlace: %v, want a failure", err)
	}
	assertUnchanged(t, dir, before)
	if exists(dir, "new") {
		t.Error("the folders made for the new file were left behind")
	}
}

func FuzzParseField(f *testing.F) {
	for _, seed := range []string{"title:string", "a:references:users:optional", "x:int:default=5:unique", "::", "a:json:default={}", "é:string"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		field, err := ParseField(spec, []string{"users"})
		if err != nil {
			if err.Error() == "" {
				t.Errorf("ParseField(%q): an empty error", spec)
			}
			return
		}
		if !columnPattern.MatchString(field.Column) || isReservedSQL(field.Column) {
			t.Errorf("ParseField(%q) accepted the column %q", spec, field.Column)
		}
		if strings.Count(field.Default, "'")%2 != 0 {
			t.Errorf("ParseField(%q) made the default %s, which ends a literal early", spec, field.Default)
		}
	})
}

func FuzzNewModelName(f *testing.F) {
	for _, seed := range []string{"Book", "Person", "blog_post", "News", "Select", "x", "Ä"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		n, err := NewModelName(name)
		if err != nil {
			if err.Error() == "" {
				t.Errorf("NewModelName(%q): an empty error", name)
			}
			return
		}
		if !columnPattern.MatchString(n.Table) || isReservedSQL(n.Table) || n.Go == "" || n.Go == n.Plural {
			t.Errorf("NewModelName(%q) = %+v: not a safe table and type", name, n)
		}
	})
}

func FuzzNewPageSpec(f *testing.F) {
	f.Add("about", "/about", "About us")
	f.Add("x", "", "<b>")
	f.Fuzz(func(t *testing.T, name, path, title string) {
		spec, err := NewPageSpec(name, path, title, false)
		if err != nil {
			return
		}
		if !pagePathPattern.MatchString(spec.Path) || strings.ContainsAny(spec.Title, "<>{}\"`") {
			t.Errorf("NewPageSpec(%q, %q, %q) = %+v: unsafe", name, path, title, spec)
		}
	})
}

// TestSharedHelpersAppearWhenFirstNeeded: the helpers that services and pages of models share
// are written only once a model uses them, so that no app holds code nothing calls
// (staticcheck's U1000, checked on every golden scenario by TestGeneratedApps).
func TestSharedHelpersAppearWhenFirstNeeded(t *testing.T) {
	reg, err := LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := LoadApp(reg, newTestAppWith(t, DBSQLite, "admin", "auth"))
	if err != nil {
		t.Fatal(err)
	}
	withDemo, err := LoadApp(reg, newTestApp(t, DBSQLite))
	if err != nil {
		t.Fatal(err)
	}
	const helpers, display = "internal/services/helpers.go", "internal/pages/display.go"
	for _, tt := range []struct {
		name   string
		models []ModelSpec
		want   map[string][]string // file: helpers it must define; a missing file defines none
		demo   bool                // the app has the demo feature, whose models use every helper
	}{
		{"no models", nil, map[string][]string{}, false},
		{"the demo's models", nil, map[string][]string{helpers: {"limits", "orNil", "required"}}, true},
		{"a number, no pages", []ModelSpec{{Name: "Count", Fields: []string{"n:int"}}},
			map[string][]string{helpers: {"limits", "orNil"}}, false},
		{"required text", []ModelSpec{{Name: "Book", Fields: []string{"title:string", "done:bool"}}},
			map[string][]string{helpers: {"limits", "orNil", "required"}}, false},
		{"pages with a bool", []ModelSpec{{Name: "Book", Fields: []string{"title:string", "done:bool"}, Pages: true}},
			map[string][]string{helpers: {"limits", "orNil", "required"}, display: {"yesNo"}}, false},
		{"pages with an optional field", []ModelSpec{{Name: "Book", Fields: []string{"n:int:optional"}, Pages: true}},
			map[string][]string{helpers: {"limits", "orNil"}, display: {"orEmpty"}}, false},
		{"optional text is not required", []ModelSpec{{Name: "Book", Fields: []string{"title:string:optional", "done:bool:optional"}, Pages: true}},
			map[string][]string{helpers: {"limits", "orNil"}, display: {"orEmpty", "yesNo"}}, false},
	} {
		app := plain
		if tt.demo {
			app = withDemo
		}
		next := app.Manifest
		next.Models = tt.models
		owned, err := app.ownedFiles(next)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, file := range []string{helpers, display} {
			f, ok := owned[file]
			for _, fn := range []string{"limits", "orNil", "required", "orEmpty", "yesNo"} {
				want := slices.Contains(tt.want[file], fn)
				got := ok && regexp.MustCompile(`func (\(\w+ \w+\) )?`+fn+`\(`).Match(f.Content)
				if got != want {
					t.Errorf("%s: %s defines %s: %v, want %v", tt.name, file, fn, got, want)
				}
			}
			if ok != (len(tt.want[file]) > 0) {
				t.Errorf("%s: %s written: %v", tt.name, file, ok)
			}
		}
	}
}

// TestOneConflictErrorForNewAndAdd: every refusal, of new or of add, is a *ConflictError
// that errors.Is(err, ErrConflict), so callers test for one thing.
func TestOneConflictErrorForNewAndAdd(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	_, errNew := New(t.Context(), templates.FS, NewOptions{Name: "app", Dir: dir, SkipTidy: true, SkipAssets: true}, Tools{}, io.Discard)
	_, errPage := AddPage(t.Context(), templates.FS, scaffolds.FS, AddPageOptions{AddOptions: AddOptions{Dir: dir}, Name: "login"}, io.Discard)
	if err := addBook(t, dir, fakeSQLC("Book"), false); err != nil {
		t.Fatal(err)
	}
	errModel := addBook(t, dir, fakeSQLC("Book"), false)
	for name, err := range map[string]error{"new over an app": errNew, "a page at /login": errPage, "a model twice": errModel} {
		var conflict *ConflictError
		if !errors.As(err, &conflict) || !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "othing was written") {
			t.Errorf("%s: %v (%T), want a *ConflictError saying nothing was written", name, err, err)
		}
	}
}

// TestAddWritesOnlyWhatChanged: the runner copies the app's migrations and sqlc.yaml into the
// staging folder for sqlc, writes back only what differs from the app (the plan's files and
// the query code sqlc made), and reports those, sqlc's included.
func TestAddWritesOnlyWhatChanged(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	var staged []string
	sqlc := func(ctx context.Context, stage string) error {
		filepath.WalkDir(stage, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(stage, p)
				staged = append(staged, filepath.ToSlash(rel))
			}
			return err
		})
		return fakeSQLC("Book")(ctx, stage)
	}
	before := snapshot(t, dir)
	o := AddModelOptions{AddOptions: AddOptions{Dir: dir}, Name: "Book", Fields: []string{"title:string"}}
	plan, err := AddModel(t.Context(), templates.FS, scaffolds.FS, o, Tools{SQLC: sqlc}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sqlc.yaml", "internal/database/migrations/00001_create_notes.sql", "internal/database/queries/books.sql"} {
		if !slices.Contains(staged, want) {
			t.Errorf("sqlc did not find %s in the staging folder: %v", want, staged)
		}
	}
	if slices.Contains(staged, "internal/database/queries/notes.sql") {
		t.Errorf("the app's other query files were staged: sqlc needs only the new one")
	}
	after := snapshot(t, dir)
	for abs, sum := range after {
		p, _ := filepath.Rel(dir, abs)
		p = filepath.ToSlash(p)
		written := slices.ContainsFunc(plan.Files, func(f File) bool { return f.Path == p })
		old, existed := before[abs]
		if changed := !existed || old != sum; changed != written {
			t.Errorf("%s: changed on disk %v, in the plan %v", p, changed, written)
		}
		if existed && written != slices.Contains(plan.Changed, p) {
			t.Errorf("%s: written over, but the report does not say update", p)
		}
	}
	if !slices.ContainsFunc(plan.Files, func(f File) bool { return f.Path == "internal/models/models.go" }) {
		t.Errorf("the report lacks the models.go sqlc made")
	}
}

// TestAddModelPagesClashSaysWhatAddModelTakes: a model whose --pages path the app answers
// already is refused with advice that add model can follow (it has no --path).
func TestAddModelPagesClashSaysWhatAddModelTakes(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	if _, err := AddPage(t.Context(), templates.FS, scaffolds.FS, AddPageOptions{AddOptions: AddOptions{Dir: dir}, Name: "books"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	err := addBook(t, dir, fakeSQLC("Book"), false)
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("add model Book --pages over the page /books: %v, want a refusal", err)
	}
	for _, want := range []string{"the app already answers /books", "choose another model name", "leave out --pages", "/admin/books"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal lacks %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), "--path") {
		t.Errorf("the refusal suggests --path, which add model does not take: %v", err)
	}
	assertUnchanged(t, dir, before)
}

// TestAddForceSaysWhatItOverwrote: over an edited owned file, --force reports the file as
// overwritten (never as a conflict to pass --force for), in the dry run and in the real run;
// without --force, the dry run says it would be refused and fails as the real run does.
func TestAddForceSaysWhatItOverwrote(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	owned := filepath.Join(dir, "internal", "admin", "tables.go")
	if err := os.WriteFile(owned, []byte("// Code generated by fastopp. DO NOT EDIT.\npackage admin // edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(dryRun, force bool) (string, error) {
		var out strings.Builder
		o := AddModelOptions{AddOptions: AddOptions{Dir: dir, DryRun: dryRun, Force: force}, Name: "Book", Fields: []string{"title:string"}}
		plan, err := AddModel(t.Context(), templates.FS, scaffolds.FS, o, Tools{SQLC: fakeSQLC("Book")}, &out)
		if err == nil && !dryRun {
			plan.Print(&out) // what `fastopp add` lists when it is done
		}
		return out.String(), err
	}
	overwritten := "overwrite " + filepath.Join(dir, "internal/admin/tables.go") + " (it was edited: --force replaces your changes"

	out, dryErr := run(true, false)
	if !errors.Is(dryErr, ErrConflict) || !strings.Contains(out, "would be refused") || !strings.Contains(out, "pass --force") {
		t.Errorf("dry run over an edited owned file: %v\n%s\nwant a refusal that says so", dryErr, out)
	}
	_, realErr := run(false, false)
	if realErr == nil || dryErr == nil || realErr.Error() != dryErr.Error() {
		t.Errorf("the dry run fails with %v, the real run with %v: want the same", dryErr, realErr)
	}
	for _, dryRun := range []bool{true, false} {
		out, err := run(dryRun, true)
		if err != nil {
			t.Fatalf("dry run %v with --force: %v", dryRun, err)
		}
		if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(overwritten), " ")) {
			t.Errorf("dry run %v with --force does not say it overwrites the edited file:\n%s", dryRun, out)
		}
		if strings.Contains(out, "conflict") || strings.Contains(out, "pass --force") || strings.Contains(out, "would be refused") {
			t.Errorf("dry run %v with --force still reports a conflict:\n%s", dryRun, out)
		}
	}
}
