package generator

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fastopp/fastopp/templates"
)

// renderApp renders the real templates for an engine and a set of optional features.
func renderApp(t *testing.T, db string, chosen []string) ([]*Feature, map[string]string) {
	t.Helper()
	reg, err := LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	features, err := reg.Resolve(db, chosen)
	if err != nil {
		t.Fatal(err)
	}
	data, err := NewTemplateData("app", "app", db, "v0.0.0", features)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(features, data)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = string(f.Content)
	}
	return features, out
}

var routeSegment = regexp.MustCompile(`mux\.Handle(?:Func)?\("(?:[A-Z]+ )?/([^/"{]*)`)

// TestFeatureRoutesMatchRoutesGo: the routes each feature.yaml declares are exactly the first
// path segments routes.go answers for the app's features, so `fastopp add page` refuses what
// the app answers and nothing else.
func TestFeatureRoutesMatchRoutesGo(t *testing.T) {
	for _, tt := range []struct {
		db     string
		chosen []string
	}{
		{DBSQLite, []string{"admin", "auth", "chat", "demo", "rag"}},
		{DBPostgres, []string{"auth", "rag"}},
		{DBPostgres, []string{"auth"}},
		{DBSQLite, nil},
		{DBNone, nil},
	} {
		features, files := renderApp(t, tt.db, tt.chosen)
		var declared, answered []string
		for _, f := range features {
			declared = append(declared, f.Routes...)
		}
		for _, m := range routeSegment.FindAllStringSubmatch(files["internal/server/routes.go"], -1) {
			if m[1] != "" && !slices.Contains(answered, "/"+m[1]) {
				answered = append(answered, "/"+m[1])
			}
		}
		slices.Sort(declared)
		slices.Sort(answered)
		if !slices.Equal(declared, answered) {
			t.Errorf("--db %s --features %v: feature.yaml routes %v, routes.go answers %v", tt.db, tt.chosen, declared, answered)
		}
	}
}

// TestFeatureTablesMatchMigrations: the tables each feature.yaml declares are exactly the
// tables the app's migrations create (full-text indexes, virtual tables, aside), on both engines,
// plus those made at start, which some Go file of the app creates on PostgreSQL.
func TestFeatureTablesMatchMigrations(t *testing.T) {
	for _, tt := range []struct {
		db     string
		chosen []string
	}{
		{DBSQLite, []string{"admin", "auth", "chat", "demo", "rag"}},
		{DBPostgres, []string{"admin", "auth", "chat", "demo", "rag"}},
		{DBSQLite, []string{"auth"}},
		{DBPostgres, nil},
	} {
		features, files := renderApp(t, tt.db, tt.chosen)
		var declared, created, atStart, createdAtStart []string
		for _, f := range features {
			for _, table := range f.Tables {
				if table.AtStart {
					atStart = append(atStart, table.Name)
				} else {
					declared = append(declared, table.Name)
				}
			}
		}
		for p, content := range files {
			if strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				for _, m := range createTablePattern.FindAllStringSubmatch(content, -1) {
					createdAtStart = append(createdAtStart, strings.ToLower(m[1]))
				}
			}
			if !strings.HasPrefix(p, "internal/database/migrations/") {
				continue
			}
			up, _, _ := strings.Cut(content, "-- +goose Down")
			for _, m := range createTablePattern.FindAllStringSubmatch(up, -1) {
				if !strings.Contains(strings.ToUpper(m[0]), "VIRTUAL") {
					created = append(created, strings.ToLower(m[1]))
				}
			}
		}
		slices.Sort(declared)
		slices.Sort(created)
		if !slices.Equal(declared, created) {
			t.Errorf("--db %s --features %v: feature.yaml tables %v, migrations create %v", tt.db, tt.chosen, declared, created)
		}
		for _, table := range atStart {
			if tt.db == DBPostgres && !slices.Contains(createdAtStart, table) {
				t.Errorf("--db %s --features %v: feature.yaml has %s made at start, but no Go file creates it", tt.db, tt.chosen, table)
			}
		}
	}
}

// TestRouteTakenUsesTheAppsFeatures: a page may not take a path the app's features answer,
// and may take one that only a feature the app lacks would answer.
func TestRouteTakenUsesTheAppsFeatures(t *testing.T) {
	reg, err := LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	features, err := reg.Resolve(DBSQLite, []string{"auth", "demo"})
	if err != nil {
		t.Fatal(err)
	}
	app := &App{features: features, Manifest: Manifest{
		Pages:  []PageSpec{{Name: "about", Path: "/about"}},
		Models: []ModelSpec{{Name: "Book", Pages: true}, {Name: "Author"}},
	}}
	for p, taken := range map[string]bool{
		"/login": true, "/login/again": true, "/api/x": true, "/account": true, "/demo": true,
		"/healthz": true, "/static/x": true, "/notes": true, "/about": true, "/books": true,
		"/admin": false, "/chat": false, "/search": false, "/uploads": true, "/authors": false,
		"/about/us": false, "/logins": false,
	} {
		said := routeTaken(app, p)
		if got := said != ""; got != taken {
			t.Errorf("routeTaken(%s) = %q, want taken %v", p, said, taken)
		}
	}
}

// TestEngineFeaturesHoldOnlyWhatEveryAppHas: an engine feature's files go into every app on
// that engine, so none of them may depend on an optional feature; a feature's own files for
// one engine live in that feature's engine subfolder (templates/admin/sqlite/...).
func TestEngineFeaturesHoldOnlyWhatEveryAppHas(t *testing.T) {
	reg, err := LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range reg.names {
		f := reg.Feature(name)
		if f.Kind != KindEngine {
			continue
		}
		err := fs.WalkDir(f.files, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			content, err := fs.ReadFile(f.files, p)
			if err != nil {
				return err
			}
			if m := featureCondition.FindString(string(content)); m != "" {
				t.Errorf("templates/%s/%s depends on an optional feature (%s): move it into that feature's %s subfolder", name, p, m, name)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

var featureCondition = regexp.MustCompile(`\.Features\.\w+`)
