// A model of `fastopp add model` as the templates see it: its names, its fields, and the
// Go and SQL each field becomes on the app's database engine.
package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gobuffalo/flect"
)

// Model is one table added by `fastopp add model`.
type Model struct {
	ModelName
	DB      string // the app's engine: sqlite or postgres
	Fields  []Field
	Pages   bool   // public list and detail pages
	Version string // the migration's version, a UTC timestamp: 20301231235959
	// Known are the other models of the app, by table, for the rows a test must create
	// before a row of this model can point at them.
	Known map[string]*Model
	// FeatureTables are the tables of the app's features that a field may reference (users),
	// with the row a test inserts first.
	FeatureTables map[string]Table
}

// ModelSpec is how a model is kept in the manifest: as typed, so it parses the same way again.
type ModelSpec struct {
	Name    string   `json:"name"`
	Fields  []string `json:"fields"`
	Pages   bool     `json:"pages,omitempty"`
	Version string   `json:"version"`
}

// PageSpec is a page added by `fastopp add page`, as kept in the manifest.
type PageSpec struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Title string `json:"title"`
	Nav   bool   `json:"nav,omitempty"`
}

// Page is a page of `fastopp add page` as the templates see it.
type Page struct {
	PageSpec
	Go   string // the handler: AboutPage
	File string // the Go and template file name, without extension: about
}

// newPage derives a page's names from its spec.
func newPage(spec PageSpec) Page {
	return Page{PageSpec: spec, Go: flect.Pascalize(spec.Name) + "Page", File: flect.Underscore(spec.Name)}
}

// GoName is the field's name in the sqlc code: author_id becomes AuthorID, as sqlc writes it.
func (f Field) GoName() string { return sqlcName(f.Column) }

// sqlcName converts a column name the way sqlc does: each part capitalised, "id" as "ID".
func sqlcName(column string) string {
	var b strings.Builder
	for _, part := range strings.Split(column, "_") {
		if part == "id" {
			b.WriteString("ID")
			continue
		}
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// Label is how the admin and pages title the field: "Author", "Published on".
func (f Field) Label() string { return flect.Humanize(f.Name) }

// SQLType is the column's type in the migration for db.
func (f Field) SQLType(db string) string {
	if db == DBPostgres {
		return f.Type.Postgres
	}
	return f.Type.SQLite + f.Collate(db)
}

// HasDecimal reports whether a field of the model is a decimal, whose tests need more.
func (m Model) HasDecimal() bool {
	return slices.ContainsFunc(m.Fields, func(f Field) bool { return f.Type.Name == "decimal" })
}

// Collate is the COLLATE clause an ORDER BY of the field needs on db when the column's own
// collation does not reach it (SQLite drops it inside a CASE), or "".
func (f Field) Collate(db string) string {
	if db == DBPostgres || f.Type.SQLiteCollation == "" {
		return ""
	}
	return " COLLATE " + f.Type.SQLiteCollation
}

// GoType is the field's type in the sqlc code on db.
func (f Field) GoType(db string) string { return f.Type.goType(db, f.Optional) }

// Required is true for a NOT NULL column.
func (f Field) Required() bool { return !f.Optional }

// Searchable is true for text a search box looks in.
func (f Field) Searchable() bool { return f.Type.Searchable }

// IsUpload is true for an image or file field: a form sends it as a file, not as text.
func (f Field) IsUpload() bool { return f.Type.Name == "image" || f.Type.Name == "file" }

// Uploads are the model's image and file fields.
func (m Model) Uploads() []Field {
	var uploads []Field
	for _, f := range m.Fields {
		if f.IsUpload() {
			uploads = append(uploads, f)
		}
	}
	return uploads
}

// Filterable is true for the fields the admin can filter on.
func (f Field) Filterable() bool {
	return slices.Contains([]string{"Boolean", "ForeignKey", "Date", "DateTime"}, f.Type.AdminKind)
}

// MaxLength is the most characters the admin's form accepts for the field; 0 for no limit.
func (f Field) MaxLength() int {
	switch f.Type.Name {
	case "string":
		return 200
	case "uuid":
		return 36
	}
	return 0
}

// Scale is how many digits the admin's form keeps after the decimal point; 0 for whole numbers.
func (f Field) Scale() int {
	switch f.Type.Name {
	case "decimal":
		return 2
	case "float":
		return 6
	}
	return 0
}

// Help is the hint the admin's form shows under the field, or "".
func (f Field) Help() string {
	switch f.Type.Name {
	case "uuid":
		return "A UUID, such as 123e4567-e89b-12d3-a456-426614174000."
	}
	return ""
}

// SampleForm is a value of the field's type as the admin's form sends it, the nth of its kind
// (an update uses another n than the create it changes); a reference sends ref, the id of the
// row it points to. The snippet "sample" of scaffolds/snippets.tmpl writes the same value as Go.
func (f Field) SampleForm(n int, ref string) string {
	switch f.Type.Name {
	case "references":
		return ref
	case "string", "image", "file":
		return fmt.Sprintf("%s %d", f.Label(), n)
	case "text":
		return fmt.Sprintf("Some %s, number %d.", strings.ToLower(f.Label()), n)
	case "int", "bigint":
		return fmt.Sprint(40 + n)
	case "float":
		return fmt.Sprintf("%d.5", n)
	case "decimal":
		return fmt.Sprintf("%d.50", 10+n)
	case "bool":
		return "on"
	case "date":
		return fmt.Sprintf("2030-01-%02d", n)
	case "time":
		return fmt.Sprintf("2030-01-%02dT14:30", n)
	case "uuid":
		return fmt.Sprintf("123e4567-e89b-12d3-a456-42661417400%d", n%10)
	case "json":
		return fmt.Sprintf(`{"size": %d}`, n)
	}
	return ""
}

// Probe is the field a test changes and looks for: the first required text field, or failing
// that the first field whose value reads back exactly on both engines; nil when there is none.
func (m Model) Probe() *Field {
	for _, names := range [][]string{{"string", "text"}, {"int", "bigint", "uuid"}} {
		for _, f := range m.Fields {
			if slices.Contains(names, f.Type.Name) && !f.Optional {
				return &f
			}
		}
	}
	return nil
}

// Local is the model's plural as the start of a Go variable's name: blogPosts.
func (m Model) Local() string { return flect.Camelize(m.Table) }

// Var is the model's name for a Go variable of the admin declaration: blogPostsTable.
func (m Model) Var() string { return m.Local() + "Table" }

// Display is the column that names a row in another model's select: the first string field.
func (m Model) Display() string {
	for _, f := range m.Fields {
		if f.Type.Name == "string" {
			return f.Column
		}
	}
	return ""
}

// Searched are the columns a search looks in.
func (m Model) Searched() []Field {
	var out []Field
	for _, f := range m.Fields {
		if f.Searchable() {
			out = append(out, f)
		}
	}
	return out
}

// Listed are the columns the admin and the public list page show: up to four fields.
func (m Model) Listed() []Field { return m.Fields[:min(4, len(m.Fields))] }

// Indexed are the fields the migration gives an index: those marked :index, references (to
// find a row's children) and, in an app with the admin, the listed ones, which its list page
// sorts by: with an index, a page of 50 rows is read in order instead of sorting the whole
// table. A unique field has an index already; long text and JSON make poor ones.
func (m Model) Indexed(admin bool) []Field {
	var out []Field
	for i, f := range m.Fields {
		sorted := admin && i < len(m.Listed()) && !f.Unique && !f.Type.LongValues // Listed are the first fields
		if f.Index || f.References != "" || sorted {
			out = append(out, f)
		}
	}
	return out
}

// SamplesUse reports whether the sample values of a test (the snippet "sample") use package pkg.
func (m Model) SamplesUse(pkg string) bool {
	return slices.ContainsFunc(m.Fields, func(f Field) bool { return f.sampleUses(m.DB, pkg) })
}

// sampleUses reports whether the sample value of the field on db uses package pkg: the time
// of a date, the sql.Null wrapper of an optional field.
func (f Field) sampleUses(db, pkg string) bool {
	return strings.HasPrefix(f.GoType(db), pkg+".") || pkg == "time" && (f.Type.Name == "date" || f.Type.Name == "time")
}

// PageSizeGo is the Go type sqlc gives LIMIT and OFFSET parameters.
func (m Model) PageSizeGo() string {
	if m.DB == DBPostgres {
		return "int32"
	}
	return "int64"
}

// Fixture is a row a test inserts before it can add a row of the model: a row of a table
// that a required reference points to. The snippet "fixture" writes the Go that inserts it.
type Fixture struct {
	Var     string // the Go variable that receives the new row's id
	Table   string
	Columns []string
	Values  []FixtureValue // one per column
}

// FixtureValue is the value of one column of a Fixture: a feature's Go literal (its
// feature.yaml test_row), or a sample of a model's Field, whose reference is in variable Ref.
type FixtureValue struct {
	Literal string
	Field   *Field
	Ref     string
}

// Fixtures lists, dependencies first, the rows a test must insert so that every required
// reference of the model (and of the models it points to) has a row to point at. RefVar
// names the variable holding the id for each of the model's own reference fields.
func (m Model) Fixtures() []Fixture {
	var out []Fixture
	m.fixtures("", &out, 0)
	return out
}

// fixtures adds the rows for the references of m; below the top level only required
// references need a row, since only required columns are filled there.
func (m Model) fixtures(prefix string, out *[]Fixture, depth int) {
	for _, f := range m.Fields {
		if f.References == "" || depth > 3 || depth > 0 && f.Optional {
			continue
		}
		path := strings.TrimPrefix(prefix+"_"+f.Name, "_")
		fx := Fixture{Var: flect.Camelize(path + "_id"), Table: f.References}
		if table, ok := m.FeatureTables[f.References]; ok {
			columns, literals := table.testRow()
			fx.Columns = columns
			for _, v := range literals {
				if strings.Contains(v, "%s") {
					v = fmt.Sprintf(v, strings.ReplaceAll(path, "_", "-"))
				}
				fx.Values = append(fx.Values, FixtureValue{Literal: v})
			}
			*out = append(*out, fx)
			continue
		}
		other := m.Known[f.References]
		if other == nil {
			continue
		}
		other.fixtures(path, out, depth+1)
		for _, of := range other.Fields {
			if of.Optional {
				continue
			}
			fx.Columns = append(fx.Columns, of.Column)
			fx.Values = append(fx.Values, FixtureValue{Field: &of, Ref: flect.Camelize(path + "_" + of.Name + "_id")})
		}
		*out = append(*out, fx)
	}
}

// RefVar is the variable a test keeps the id of the row that field f of the model points to.
func (m Model) RefVar(f Field) string { return flect.Camelize(f.Name + "_id") }

// FixturesUse reports whether the values of the rows Fixtures inserts use package pkg.
func (m Model) FixturesUse(pkg string) bool {
	for _, fx := range m.Fixtures() {
		for _, v := range fx.Values {
			if v.Field != nil && v.Field.sampleUses(m.DB, pkg) || strings.Contains(v.Literal, pkg+".") {
				return true
			}
		}
	}
	return false
}

// RequiredText are the required fields held as Go strings, which a service checks are not blank.
func (m Model) RequiredText() []Field {
	var out []Field
	for _, f := range m.Fields {
		if f.Required() && f.GoType(m.DB) == "string" {
			out = append(out, f)
		}
	}
	return out
}

// DisplayCalls reports whether the page code that shows the fields (the snippet "display")
// calls fn, a helper of internal/pages/display.go: orEmpty for an optional field (but an
// image or file, whose address files.URL gives), yesNo for a yes-or-no one.
func (m Model) DisplayCalls(fn string) bool {
	return slices.ContainsFunc(m.Fields, func(f Field) bool {
		return fn == "orEmpty" && f.Optional && !f.IsUpload() || fn == "yesNo" && f.Type.Name == "bool"
	})
}

// DisplayUses reports whether the page code that shows the fields (the snippet "display")
// uses package pkg: fmt writes numbers, and time.DateOnly formats dates.
func (m Model) DisplayUses(pkg string) bool {
	uses := map[string][]string{"fmt": {"int", "bigint", "float", "references"}, "time": {"date"}}[pkg]
	return slices.ContainsFunc(m.Fields, func(f Field) bool { return slices.Contains(uses, f.Type.Name) })
}

// CreateParams is the type of the value that the sqlc method Create<Model> takes: a params
// struct, except for a model of one field, whose value sqlc passes as it is.
func (m Model) CreateParams() string {
	if len(m.Fields) == 1 {
		return m.Fields[0].GoType(m.DB)
	}
	return "models.Create" + m.Go + "Params"
}
