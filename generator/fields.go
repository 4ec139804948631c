// The words of `fastopp add model NAME FIELD:TYPE[:MODIFIER...]...`: model names, field
// specs and what each field type becomes in SQL, Go and the admin. Every error says what to
// type instead.
package generator

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gobuffalo/flect"
)

// FieldType is one type a field spec may name, and what it becomes on each engine.
type FieldType struct {
	Name   string
	SQLite string // column type in an SQLite migration
	// SQLiteCollation is how SQLite compares the column's text, when not byte by byte.
	SQLiteCollation string
	Postgres        string // column type in a PostgreSQL migration
	AdminKind       string // the admin.Kind the declaration uses
	// Go types of the sqlc code, for a NOT NULL column and a nullable one, per engine.
	SQLiteGo, SQLiteNullGo     string
	PostgresGo, PostgresNullGo string
	Searchable                 bool // text the list pages search in
	LongValues                 bool // values too long to make a good index: long text, JSON
}

// fieldTypes are the types of `add model`, in the order the help lists them.
var fieldTypes = []FieldType{
	{Name: "string", SQLite: "TEXT", Postgres: "TEXT", AdminKind: "Text", Searchable: true},
	{Name: "text", SQLite: "TEXT", Postgres: "TEXT", AdminKind: "LongText", Searchable: true, LongValues: true},
	{Name: "int", SQLite: "INTEGER", Postgres: "INTEGER", AdminKind: "Integer",
		SQLiteGo: "int64", SQLiteNullGo: "sql.NullInt64", PostgresGo: "int32", PostgresNullGo: "sql.NullInt32"},
	{Name: "bigint", SQLite: "INTEGER", Postgres: "BIGINT", AdminKind: "Integer",
		SQLiteGo: "int64", SQLiteNullGo: "sql.NullInt64", PostgresGo: "int64", PostgresNullGo: "sql.NullInt64"},
	{Name: "float", SQLite: "REAL", Postgres: "DOUBLE PRECISION", AdminKind: "Decimal",
		SQLiteGo: "float64", SQLiteNullGo: "sql.NullFloat64", PostgresGo: "float64", PostgresNullGo: "sql.NullFloat64"},
	// Decimals stay text in Go: a float64 would turn 0.10 into 0.1000000000000000055. SQLite
	// has no exact decimal type, so it keeps the text as written and compares it as a number
	// through the app's "decimal" collation (internal/database/decimal.go): 5.00 < 1000.50.
	{Name: "decimal", SQLite: "TEXT", SQLiteCollation: "decimal", Postgres: "NUMERIC(12, 2)", AdminKind: "Decimal"},
	{Name: "bool", SQLite: "BOOLEAN", Postgres: "BOOLEAN", AdminKind: "Boolean",
		SQLiteGo: "bool", SQLiteNullGo: "sql.NullBool", PostgresGo: "bool", PostgresNullGo: "sql.NullBool"},
	{Name: "date", SQLite: "DATE", Postgres: "DATE", AdminKind: "Date",
		SQLiteGo: "time.Time", SQLiteNullGo: "sql.NullTime", PostgresGo: "time.Time", PostgresNullGo: "sql.NullTime"},
	{Name: "time", SQLite: "DATETIME", Postgres: "TIMESTAMPTZ", AdminKind: "DateTime",
		SQLiteGo: "time.Time", SQLiteNullGo: "sql.NullTime", PostgresGo: "time.Time", PostgresNullGo: "sql.NullTime"},
	{Name: "uuid", SQLite: "TEXT", Postgres: "UUID", AdminKind: "Text"},
	{Name: "json", SQLite: "TEXT", Postgres: "JSONB", AdminKind: "JSON", LongValues: true},
	{Name: "references", SQLite: "INTEGER", Postgres: "BIGINT", AdminKind: "ForeignKey",
		SQLiteGo: "int64", SQLiteNullGo: "sql.NullInt64", PostgresGo: "int64", PostgresNullGo: "sql.NullInt64"},
	// Uploads (the app's internal/uploads): the column keeps the stored file's key, and the
	// uploads table what is known about the file (its name, type, size, thumbnail).
	{Name: "image", SQLite: "TEXT", Postgres: "TEXT", AdminKind: "Image"},
	{Name: "file", SQLite: "TEXT", Postgres: "TEXT", AdminKind: "File"},
}

// A type whose Go columns above are empty is text in Go: string, or sql.NullString.
func (t FieldType) goType(db string, null bool) string {
	got := t.SQLiteGo
	switch {
	case db == DBPostgres && null:
		got = t.PostgresNullGo
	case db == DBPostgres:
		got = t.PostgresGo
	case null:
		got = t.SQLiteNullGo
	}
	switch {
	case got != "":
		return got
	case null:
		return "sql.NullString"
	default:
		return "string"
	}
}

func fieldTypeNamed(name string) (FieldType, bool) {
	i := slices.IndexFunc(fieldTypes, func(t FieldType) bool { return t.Name == name })
	if i < 0 {
		return FieldType{}, false
	}
	return fieldTypes[i], true
}

func fieldTypeNames() string {
	names := make([]string, 0, len(fieldTypes))
	for _, t := range fieldTypes {
		if t.Name == "references" {
			names = append(names, "references:OTHER")
			continue
		}
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}

// Field is one parsed field spec, such as author:references:users or pages:int:optional.
type Field struct {
	Spec       string // as typed, kept in the manifest
	Name       string // as typed: author
	Column     string // in the table: author_id for a reference
	Type       FieldType
	References string // for references: the table it points to
	Optional   bool
	Unique     bool
	Index      bool
	Default    string // an SQL literal, already checked and quoted; "" for none
	DefaultRaw string // the default as typed
}

var (
	columnPattern    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	modelNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	integerPattern   = regexp.MustCompile(`^-?[0-9]{1,18}$`)
	decimalPattern   = regexp.MustCompile(`^-?[0-9]{1,10}(\.[0-9]{1,2})?$`)
	floatPattern     = regexp.MustCompile(`^-?[0-9]{1,15}(\.[0-9]{1,15})?$`)
	nonColumnRun     = regexp.MustCompile(`[^a-z0-9]+`)
	uuidPattern      = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// maxNameLength keeps names under PostgreSQL's 63-byte limit, with room for the index
// names built from them (books_author_id).
const maxNameLength = 30

// automaticColumns are written into every new table by the generator.
var automaticColumns = []string{"id", "created_at", "updated_at"}

// ParseField reads one FIELD:TYPE[:MODIFIER...] spec. models are the tables a reference
// may point to.
func ParseField(spec string, models []string) (Field, error) {
	parts := strings.Split(spec, ":")
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return Field{}, fmt.Errorf("field %q needs a name and a type, such as title:string; the types are %s", spec, fieldTypeNames())
	}
	f := Field{Spec: spec, Name: parts[0], Column: parts[0]}
	typ, ok := fieldTypeNamed(parts[1])
	if !ok {
		return Field{}, fmt.Errorf("field %s: unknown type %q%s; the types are %s", f.Name, parts[1], suggestType(parts[1]), fieldTypeNames())
	}
	f.Type = typ
	if typ.Name == "references" {
		// The column is author_id: that is the name SQL sees, so user:references:users is fine
		// although user alone is a reserved word.
		f.Column = f.Name + "_id"
	}
	if err := checkColumnName(f.Name, f.Column); err != nil {
		return Field{}, err
	}
	modifiers := parts[2:]
	if typ.Name == "references" {
		if len(modifiers) == 0 || modifiers[0] == "" {
			return Field{}, fmt.Errorf("field %s: say which model it points to, such as %s:references:users", f.Name, f.Name)
		}
		target := TableName(modifiers[0])
		if !slices.Contains(models, target) {
			return Field{}, fmt.Errorf("field %s references %q, but the app has no model %s (it has: %s); add that model first", f.Name, modifiers[0], target, strings.Join(models, ", "))
		}
		f.References = target
		modifiers = modifiers[1:]
	}
	for _, m := range modifiers {
		if err := f.applyModifier(m); err != nil {
			return Field{}, err
		}
	}
	if slices.Contains(automaticColumns, f.Column) {
		return Field{}, fmt.Errorf("field %s: every table already has id, created_at and updated_at; choose another name", f.Name)
	}
	return f, nil
}

func (f *Field) applyModifier(m string) error {
	switch {
	case m == "optional":
		f.Optional = true
	case m == "unique":
		f.Unique = true
	case m == "index":
		f.Index = true
	case strings.HasPrefix(m, "default="):
		raw := strings.TrimPrefix(m, "default=")
		literal, err := defaultLiteral(f.Type.Name, raw)
		if err != nil {
			return fmt.Errorf("field %s: %w", f.Name, err)
		}
		f.Default, f.DefaultRaw = literal, raw
	default:
		return fmt.Errorf("field %s: unknown modifier %q%s; use optional, unique, index or default=VALUE", f.Name, m,
			didYouMean(m, []string{"optional", "unique", "index", "default=VALUE"}))
	}
	return nil
}

// defaultLiteral checks a default=VALUE against the field's type and writes it as SQL.
// Text is quoted with its quotes doubled, so no value can end the literal early.
func defaultLiteral(typ, raw string) (string, error) {
	quoted := "'" + strings.ReplaceAll(raw, "'", "''") + "'"
	bad := func(example string) (string, error) {
		return "", fmt.Errorf("default %q is not a %s; write it like default=%s", raw, typ, example)
	}
	switch typ {
	case "string", "text", "image", "file":
		if !utf8Printable(raw) {
			return bad("hello")
		}
		return quoted, nil
	case "int", "bigint", "references":
		if !integerPattern.MatchString(raw) {
			return bad("42")
		}
		return raw, nil
	case "float":
		if !floatPattern.MatchString(raw) {
			return bad("2.5")
		}
		return raw, nil
	case "decimal":
		if !decimalPattern.MatchString(raw) {
			return bad("9.99")
		}
		return quoted, nil
	case "bool":
		switch raw {
		case "true", "false":
			return strings.ToUpper(raw), nil
		}
		return bad("true")
	case "date":
		if _, err := time.Parse(time.DateOnly, raw); err != nil {
			return bad("2030-01-31")
		}
		return quoted, nil
	case "time":
		if raw == "now" {
			return "CURRENT_TIMESTAMP", nil
		}
		return bad("now")
	case "uuid":
		if !uuidPattern.MatchString(raw) {
			return bad("123e4567-e89b-12d3-a456-426614174000")
		}
		return quoted, nil
	case "json":
		if !json.Valid([]byte(raw)) {
			return bad(`{}`)
		}
		return quoted, nil
	}
	return bad("VALUE")
}

func utf8Printable(s string) bool {
	for _, r := range s {
		if r < ' ' || r == 0x7f || r == '\uFFFD' {
			return false
		}
	}
	return true
}

// checkColumnName refuses a field name that would not make a column safe on both engines:
// column is the name the table uses (the field's name, or name_id for a reference).
func checkColumnName(name, column string) error {
	switch {
	case !columnPattern.MatchString(name):
		return fmt.Errorf("field name %q must be lower case letters, digits and _, starting with a letter: e.g. %s", name, suggestColumn(name))
	case len(column) > maxNameLength:
		return fmt.Errorf("field name %q makes the column %s, longer than %d characters: choose a shorter name", name, column, maxNameLength)
	case isReservedSQL(column):
		return fmt.Errorf("field name %q is a reserved word in SQL: choose another, e.g. %s_name or %s_value", name, name, name)
	}
	return nil
}

// typeAliases are the names other languages and frameworks give fastopp's field types.
var typeAliases = map[string]string{
	"str": "string", "varchar": "string", "char": "string", "integer": "int", "int64": "bigint",
	"long": "bigint", "double": "float", "real": "float", "numeric": "decimal", "money": "decimal",
	"boolean": "bool", "datetime": "time", "timestamp": "time", "timestamptz": "time",
	"jsonb": "json", "reference": "references", "ref": "references", "fk": "references",
}

// suggestType is " (did you mean X?)" for a mistyped or foreign type name, or "".
func suggestType(typed string) string {
	if alias, ok := typeAliases[strings.ToLower(typed)]; ok {
		return " (did you mean " + alias + "?)"
	}
	names := make([]string, 0, len(fieldTypes))
	for _, t := range fieldTypes {
		names = append(names, t.Name)
	}
	return didYouMean(typed, names)
}

// suggestColumn turns a typed name into snake_case to offer instead.
func suggestColumn(name string) string {
	s := strings.Trim(nonColumnRun.ReplaceAllString(flect.Underscore(name), "_"), "_")
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		s = "field_" + s
	}
	return strings.TrimSuffix(s, "_")
}

// ModelName is every form of a model's name that the generated code uses.
type ModelName struct {
	Go       string // the sqlc struct and Go names: Book, Person
	Plural   string // Books, People: for list functions and page titles
	Table    string // books, people
	Singular string // book, person: in messages and labels
	Title    string // Books, Blog posts: headings
}

// TableName is the table a model name or table name stands for: Book, book and books are books.
func TableName(name string) string {
	return flect.Underscore(pluralize(flect.Singularize(name)))
}

// esAfterO are the words ending in "o" whose plural adds "es". flect adds "es" to every word
// ending in a consonant and "o", which makes "todoes", "demoes" and "videoes"; most such words
// take "s", so pluralize adds "es" only to these.
var esAfterO = map[string]bool{
	"domino": true, "echo": true, "embargo": true, "hero": true, "potato": true, "tomato": true,
	"torpedo": true, "veto": true,
}

// pluralize is flect.Pluralize, with "s" after a final "o" unless the word is in esAfterO.
func pluralize(singular string) string {
	plural := flect.Pluralize(singular)
	ident := flect.New(singular)
	last := strings.ToLower(ident.LastPart())
	if plural == singular+"es" && strings.HasSuffix(last, "o") && !esAfterO[last] {
		return singular + "s"
	}
	return plural
}

// NewModelName checks a model name as typed (Book, blog_post, BlogPost) and derives its forms.
func NewModelName(name string) (ModelName, error) {
	if !modelNamePattern.MatchString(name) {
		return ModelName{}, fmt.Errorf("model name %q must be letters and digits, starting with a letter: e.g. Book or BlogPost", name)
	}
	singular := flect.Singularize(flect.Pascalize(name))
	n := ModelName{
		Go:     singular,
		Plural: flect.Pascalize(pluralize(singular)),
		Table:  TableName(name),
	}
	n.Singular = strings.ReplaceAll(flect.Underscore(singular), "_", " ")
	n.Title = flect.Humanize(n.Table)
	switch {
	case n.Go == "" || !columnPattern.MatchString(n.Table) || !modelNamePattern.MatchString(n.Go):
		return ModelName{}, fmt.Errorf("model name %q does not make a usable table name (%q): choose a word such as Book or BlogPost", name, n.Table)
	case len(n.Table) > maxNameLength:
		return ModelName{}, fmt.Errorf("model name %q is too long for a table name (%s): choose a shorter one", name, n.Table)
	case isReservedSQL(n.Table):
		return ModelName{}, fmt.Errorf("model %s would make the table %q, a reserved word in SQL: choose another name, e.g. %sItem", name, n.Table, n.Go)
	case n.Plural == n.Go:
		return ModelName{}, fmt.Errorf("model name %q is the same in the singular and the plural, which the generated code cannot tell apart: choose another, e.g. %sItem", name, n.Go)
	}
	return n, nil
}

// isReservedSQL reports whether word is reserved in SQLite or PostgreSQL (or in the SQL
// standard both follow), so that it cannot be a table or column name without quotes.
func isReservedSQL(word string) bool {
	_, reserved := reservedSQL[strings.ToLower(word)]
	return reserved
}

var reservedSQL = setOf(`abort action add after all alter always analyze and as asc attach
autoincrement before begin between both by cascade case cast check collate column commit
conflict constraint create cross current current_date current_role current_time
current_timestamp current_user database default deferrable deferred delete desc detach
distinct do drop each else end escape except exclude exclusive exists explain fail fetch
filter first following for foreign from full generated glob group groups having if ignore
immediate in index indexed initially inner insert instead intersect into is isnull join key
last lateral leading left like limit localtime localtimestamp match materialized natural no
not nothing notnull null nulls of offset on only or order others outer over partition plan
pragma preceding primary query raise range recursive references regexp reindex release rename
replace restrict returning right rollback row rows savepoint select session_user set some
symmetric table temp temporary then ties to trailing transaction trigger true false unbounded
union unique update user using vacuum values variadic verbose view virtual when where window
with without`)

func setOf(words string) map[string]struct{} {
	set := map[string]struct{}{}
	for _, w := range strings.Fields(words) {
		set[w] = struct{}{}
	}
	return set
}
