// Features are data: each folder under templates/ declares itself in a feature.yaml,
// and this file reads those declarations and decides which features an app gets.
package generator

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Kinds of feature. The kind alone decides when a feature is part of an app.
const (
	KindCore     = "core"     // in every app
	KindDatabase = "database" // in every app that has a database
	KindEngine   = "engine"   // when --db names this feature
	KindOptional = "optional" // chosen with --features
)

// Database choices for --db.
const (
	DBSQLite   = "sqlite"
	DBPostgres = "postgres"
	DBNone     = "none"
)

// Databases lists the --db choices in the order they are offered.
var Databases = []string{DBSQLite, DBPostgres, DBNone}

// Feature is one folder of templates plus its declaration.
type Feature struct {
	Name          string   `yaml:"name"`
	Summary       string   `yaml:"summary"`
	Kind          string   `yaml:"kind"`
	Needs         []string `yaml:"needs"`
	NeedsDatabase bool     `yaml:"needs_database"`
	Go            []string `yaml:"go"`
	// EngineGo are Go modules needed on one engine only, by --db name: pgvector-go is
	// imported by the rag feature's postgres/ files alone, so SQLite apps do not require it.
	EngineGo map[string][]string `yaml:"engine_go"`
	NPM      map[string]string   `yaml:"npm"`
	// Routes are the first path segments the feature's routes answer ("/login"): pages that
	// `fastopp add` makes must choose others.
	Routes []string `yaml:"routes"`
	// Tables are the tables the feature's migrations create, and those its app makes when it
	// starts (AtStart): no model may take their names.
	Tables []Table `yaml:"tables"`

	files fs.FS // the feature's folder
}

// Table is a table a feature owns. With a TestRow, a model may reference it
// (author:references:users): the model's tests first insert that row, a Go literal per
// column, where %s stands for a word unique to the row.
type Table struct {
	Name    string            `yaml:"name"`
	TestRow map[string]string `yaml:"test_row"`
	// AtStart marks a table the app makes when it starts rather than in a migration, because
	// its shape comes from the configuration (rag_vectors: the size of its vectors).
	AtStart bool `yaml:"at_start"`
}

// testRow is the table's TestRow in a fixed order: columns and their Go literals.
func (t Table) testRow() (columns, values []string) {
	columns = slices.Sorted(maps.Keys(t.TestRow))
	for _, c := range columns {
		values = append(values, t.TestRow[c])
	}
	return columns, values
}

// Module is one Go module requirement, "path version".
type Module struct {
	Path    string
	Version string
}

// Registry holds every feature found in a template tree.
type Registry struct {
	byName map[string]*Feature
	names  []string // sorted
}

// LoadRegistry reads every <feature>/feature.yaml in fsys.
func LoadRegistry(fsys fs.FS) (*Registry, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	reg := &Registry{byName: map[string]*Feature{}}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		raw, err := fs.ReadFile(fsys, path.Join(e.Name(), "feature.yaml"))
		if err != nil {
			continue // not a feature folder
		}
		f := &Feature{}
		if err := yaml.Unmarshal(raw, f); err != nil {
			return nil, fmt.Errorf("templates/%s/feature.yaml: %w", e.Name(), err)
		}
		if f.Name != e.Name() {
			return nil, fmt.Errorf("templates/%s/feature.yaml: name %q must match its folder", e.Name(), f.Name)
		}
		if err := f.check(); err != nil {
			return nil, fmt.Errorf("templates/%s/feature.yaml: %w", e.Name(), err)
		}
		if f.files, err = fs.Sub(fsys, e.Name()); err != nil {
			return nil, err
		}
		reg.byName[f.Name] = f
		reg.names = append(reg.names, f.Name)
	}
	sort.Strings(reg.names)
	for _, f := range reg.byName {
		for _, need := range f.Needs {
			if n, ok := reg.byName[need]; !ok || n.Kind != KindOptional {
				return nil, fmt.Errorf("feature %s needs %q, which is not an optional feature", f.Name, need)
			}
		}
	}
	return reg, nil
}

func (f *Feature) check() error {
	switch f.Kind {
	case KindCore, KindDatabase, KindOptional:
	case KindEngine:
		if f.Name == DBNone || !slices.Contains(Databases, f.Name) {
			return fmt.Errorf("an engine feature must be named after a --db choice, not %q", f.Name)
		}
	default:
		return fmt.Errorf("kind %q is not one of core, database, engine, optional", f.Kind)
	}
	for _, req := range f.Go {
		if _, err := parseModule(req); err != nil {
			return err
		}
	}
	for db, reqs := range f.EngineGo {
		if db == DBNone || !slices.Contains(Databases, db) {
			return fmt.Errorf("engine_go: %q is not an engine: use sqlite or postgres", db)
		}
		for _, req := range reqs {
			if _, err := parseModule(req); err != nil {
				return err
			}
		}
	}
	for _, r := range f.Routes {
		if !reservedRoutePattern.MatchString(r) {
			return fmt.Errorf("route %q must be one path segment such as /login", r)
		}
	}
	for _, t := range f.Tables {
		if !tablePattern.MatchString(t.Name) {
			return fmt.Errorf("table %q must be a lower-case SQL name such as users", t.Name)
		}
	}
	return nil
}

var (
	reservedRoutePattern = regexp.MustCompile(`^/[a-z0-9][a-z0-9_-]*$`)
	tablePattern         = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

func parseModule(req string) (Module, error) {
	parts := strings.Fields(req)
	if len(parts) != 2 || !strings.HasPrefix(parts[1], "v") {
		return Module{}, fmt.Errorf("go requirement %q must read \"module/path vX.Y.Z\"", req)
	}
	return Module{Path: parts[0], Version: parts[1]}, nil
}

// goModules returns the Go modules the feature needs in an app on database db.
func (f *Feature) goModules(db string) []string {
	return append(slices.Clip(f.Go), f.EngineGo[db]...)
}

// Optional returns the names of the features a user may choose, sorted.
func (r *Registry) Optional() []string {
	var names []string
	for _, n := range r.names {
		if r.byName[n].Kind == KindOptional {
			names = append(names, n)
		}
	}
	return names
}

// Feature returns the named feature, or nil.
func (r *Registry) Feature(name string) *Feature { return r.byName[name] }

// Resolve returns the features an app gets for a database choice and a list of
// chosen optional features, or an error that says what to type instead.
func (r *Registry) Resolve(db string, chosen []string) ([]*Feature, error) {
	if !slices.Contains(Databases, db) {
		return nil, fmt.Errorf("unknown database %q: use --db sqlite, --db postgres or --db none", db)
	}
	optional := r.Optional()
	for _, name := range chosen {
		if !slices.Contains(optional, name) {
			return nil, fmt.Errorf("unknown feature %q%s: choose from %s", name, didYouMean(name, optional), listOrNone(optional))
		}
	}
	for _, name := range chosen {
		f := r.byName[name]
		if f.NeedsDatabase && db == DBNone {
			return nil, fmt.Errorf("feature %s needs a database: use --db sqlite or --db postgres, or leave %s out of --features", name, name)
		}
		var missing []string
		for _, need := range f.Needs {
			if !slices.Contains(chosen, need) {
				missing = append(missing, need)
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("feature %s needs %s: add it, for example --features %s",
				name, strings.Join(missing, " and "), strings.Join(append(slices.Clone(chosen), missing...), ","))
		}
	}
	var out []*Feature
	for _, name := range r.names {
		f := r.byName[name]
		include := false
		switch f.Kind {
		case KindCore:
			include = true
		case KindDatabase:
			include = db != DBNone
		case KindEngine:
			include = db == f.Name
		case KindOptional:
			include = slices.Contains(chosen, f.Name)
		}
		if include {
			out = append(out, f)
		}
	}
	return out, nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "(none in this version)"
	}
	return strings.Join(names, ", ")
}

// ParseFeatureList splits a --features value ("demo, auth") into clean, unique names.
func ParseFeatureList(value string) []string {
	out := []string{}
	for _, part := range strings.Split(value, ",") {
		name := strings.ToLower(strings.TrimSpace(part))
		if name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}
