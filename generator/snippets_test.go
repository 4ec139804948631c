package generator

import (
	"strings"
	"testing"

	"github.com/fastopp/fastopp/scaffolds"
)

// TestSnippetsUseWhatTheModelSays: the Go that scaffolds/snippets.tmpl writes for a field
// calls the helpers and uses the packages that DisplayCalls, DisplayUses and SamplesUse
// report, for every field type, required and optional, on both engines: the scaffolds import
// and write helpers by those answers, so a disagreement is an unused or missing import.
func TestSnippetsUseWhatTheModelSays(t *testing.T) {
	raw, err := scaffolds.FS.ReadFile("snippets.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{DBSQLite, DBPostgres} {
		for _, typ := range fieldTypes {
			for _, modifier := range []string{"", ":optional"} {
				spec := "thing:" + typ.Name
				if typ.Name == "references" {
					spec += ":users"
				}
				f, err := ParseField(spec+modifier, []string{"users"})
				if err != nil {
					t.Fatal(err)
				}
				m := Model{DB: db, Fields: []Field{f}}
				run := func(call string) string {
					out, err := Execute("test", call, string(raw), map[string]any{"m": m, "f": f})
					if err != nil {
						t.Fatalf("%s %s: %v", db, spec+modifier, err)
					}
					return string(out)
				}
				display := run(`{{ template "display" (dict "f" .f "db" .m.DB "row" "row") }}`)
				sample := run(`{{ template "sample" (dict "f" .f "m" .m "n" 1) }}`)
				for _, c := range []struct {
					what, code, uses string
					said             bool
				}{
					{"display calls", display, "orEmpty(", m.DisplayCalls("orEmpty")},
					{"display calls", display, "yesNo(", m.DisplayCalls("yesNo")},
					{"display uses", display, "fmt.", m.DisplayUses("fmt")},
					{"display uses", display, "time.", m.DisplayUses("time")},
					{"sample uses", sample, "time.", m.SamplesUse("time")},
					{"sample uses", sample, "sql.", m.SamplesUse("sql")},
				} {
					if strings.Contains(c.code, c.uses) != c.said {
						t.Errorf("%s %s: %s %s is %v, but the snippet writes %s", db, spec+modifier, c.what, c.uses, c.said, c.code)
					}
				}
			}
		}
	}
}

// TestFixtureSnippet: the rows a test inserts before it adds a row, as the snippet "fixture"
// writes them: a feature's test row, a model's required fields with the engine's
// placeholders, and DEFAULT VALUES for a model with no required field (an empty column
// list, "INSERT INTO tags () ...", is no SQL either engine accepts).
func TestFixtureSnippet(t *testing.T) {
	raw, err := scaffolds.FS.ReadFile("snippets.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	field := func(spec string) Field {
		f, err := ParseField(spec, []string{"users", "tags", "authors"})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	users := map[string]Table{"users": {Name: "users", TestRow: map[string]string{"email": `"%s@example.com"`, "password_hash": `"!"`}}}
	tags := &Model{ModelName: ModelName{Table: "tags"}, Fields: []Field{field("note:text:optional")}}
	authors := &Model{ModelName: ModelName{Table: "authors"}, Fields: []Field{field("name:string"), field("born:date"), field("bio:text:optional")}}
	for _, c := range []struct {
		db   string
		want []string
	}{
		{DBSQLite, []string{
			`ownerID := testutil.InsertRow(t, db, "INSERT INTO users (email, password_hash) VALUES (?1, ?2) RETURNING id", "owner@example.com", "!")`,
			`tagID := testutil.InsertRow(t, db, "INSERT INTO tags DEFAULT VALUES RETURNING id")`,
			`authorID := testutil.InsertRow(t, db, "INSERT INTO authors (name, born) VALUES (?1, ?2) RETURNING id", "Name 9", time.Date(2030, 1, 9, 0, 0, 0, 0, time.UTC))`,
		}},
		{DBPostgres, []string{
			`ownerID := testutil.InsertRow(t, db, "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id", "owner@example.com", "!")`,
			`tagID := testutil.InsertRow(t, db, "INSERT INTO tags DEFAULT VALUES RETURNING id")`,
			`authorID := testutil.InsertRow(t, db, "INSERT INTO authors (name, born) VALUES ($1, $2) RETURNING id", "Name 9", time.Date(2030, 1, 9, 0, 0, 0, 0, time.UTC))`,
		}},
	} {
		tags.DB, authors.DB = c.db, c.db
		m := Model{DB: c.db, FeatureTables: users, Known: map[string]*Model{"tags": tags, "authors": authors},
			Fields: []Field{field("owner:references:users"), field("tag:references:tags"), field("author:references:authors")}}
		var got []string
		for _, fx := range m.Fixtures() {
			out, err := Execute("test", `{{ template "fixture" (dict "fx" .fx "m" .m "db" "db") }}`, string(raw), map[string]any{"fx": fx, "m": m})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, string(out))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s fixtures:\n%s\nwant:\n%s", c.db, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}
