// How a table appears in the admin: a Table declares its columns, search, filters and form
// fields. Each table has one declaration in its own table_<table>.go; tables.go lists them all.

package admin

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
)

// Kind is the type of a field: it decides how the form shows it and how input is checked.
type Kind int

const (
	Text       Kind = iota // one line of text
	LongText               // several lines, in a textarea
	Integer                // a whole number
	Boolean                // a checkbox
	DateTime               // a date and time (UTC), edited with a datetime-local input unless ReadOnly
	Password               // a new password, hashed by auth; left empty, the old one stays
	Decimal                // an exact decimal number, such as 12.50, with at most Scale decimals
	Date                   // a day, YYYY-MM-DD
	Choice                 // one of Choices, in a select
	ForeignKey             // the id of a row of the table named in References: a select, or a search box for big tables
	JSON                   // a JSON document, in a textarea, stored as text
	Image                  // an uploaded picture (internal/uploads): the column keeps its key; a file input, a thumbnail in the list
	File                   // an uploaded document (internal/uploads): the column keeps its key; a file input, a link to download it
)

// Option is one value of a Choice field: Value is stored, Label is shown.
type Option struct {
	Value string
	Label string
}

// Link is another page about a row, linked from the row's edit page: a group's permissions.
// Path is the page's URL with {id} where the row's id goes; its route is in routes.go.
type Link struct {
	Label string // "Permissions"
	Path  string // "/admin/groups/{id}/permissions"
}

// Field is one column of a table as the admin shows it.
type Field struct {
	Column        string // the column in the table; also the form field's name
	Label         string // shown above the input and as the list's column heading
	Kind          Kind
	Required      bool // the form refuses an empty value; an empty optional field stores NULL
	MaxLength     int  // for Text and LongText, in characters; 0 means no limit
	ReadOnly      bool // shown but never written by the form, such as created_at
	SuperuserOnly bool // only a superuser may change it, such as is_superuser
	Lowercase     bool // saved in lower case, such as an email (auth looks emails up that way)
	Help          string
	Scale         int      // for Decimal: how many digits may follow the point (2 for money)
	Choices       []Option // for Choice: the allowed values
	References    string   // for ForeignKey: the Name of the admin table whose rows it points to
	// Check, when set, returns why a value the form sent is no good ("" when it is fine), after
	// the checks of its Kind: users' email is checked as auth checks it.
	Check func(text string) string
}

// Table declares how the admin shows one database table. Every column name here goes into
// SQL as it is, so only the declaration, never a request, decides which columns a query uses.
type Table struct {
	Name     string   // the URL is /admin/<Name>; permissions name it too (auth_permissions.model)
	DBTable  string   // the table in the database, usually the same as Name
	Title    string   // plural, for headings: "Notes"
	Singular string   // "note"
	Fields   []Field  // the form, in order
	List     []string // the list page's columns, in order; sorting is allowed on these
	Search   []string // text columns the search box looks in
	// SearchIndex names the SQLite FTS5 table that indexes the Search columns, "<table>_search"
	// (its migration creates it and the triggers that keep it in step). Without one, a search
	// reads every row. PostgreSQL ignores it and searches with ILIKE.
	SearchIndex string
	Filters     []string // Boolean, Choice and ForeignKey columns, and DateTime and Date columns (a range of days)
	Display     string   // the column that names a row in another table's select, such as a group's name
	Sort        string   // the default sort: a listed column, with a leading - for descending
	// ReadOnly tables are listed, searched, exported and viewed, but never added, changed or
	// deleted through the admin, not even by a superuser: rows that another feature writes.
	ReadOnly bool
	// NoAdd tables are viewed, changed and deleted, but their rows are added elsewhere: rag's
	// documents, by their owners, on the documents page.
	NoAdd bool
	Links []Link // other pages about a row, shown on its edit page
	// AfterChange, when set, runs in the transaction of every change made through the admin,
	// with the fields that changed: users' ends a user's API tokens when their password changes.
	AfterChange func(ctx context.Context, tx *sql.Tx, id int64, changes map[string]Change) error
	// Authorize, when set, runs in the transaction of every change ("change", with the fields
	// that would change) and delete ("delete", no changes) made through the admin, before
	// anything is written. An *auth.ForbiddenError refuses it with 403 and changes nothing:
	// users' applies auth's rules of who may change whom (internal/auth/rules.go).
	Authorize func(ctx context.Context, tx *sql.Tx, actor Actor, action string, id int64, changes map[string]Change) error
	// Validate, when set, runs in the transaction of every add and change made through the
	// admin, after the row is written and before it is committed: it reads row id back and
	// returns an error to refuse the save, which then changes nothing. A table added with
	// `fastopp add model` points it at its service's rules (services.ValidateBook), so that the
	// admin and the service refuse the same rows. A services.ValidationError shows each problem
	// beside its field, with status 422.
	Validate func(ctx context.Context, tx *sql.Tx, id int64) error
	// Defaults are values for NOT NULL columns that the form does not show, set when a row is
	// added (users.password_hash: an unusable hash until a password is set).
	Defaults map[string]any
	// AfterCommit, when set, runs after each change or delete made through the admin has been
	// saved, with the row's id: for what lives outside the database and must follow it, such
	// as the search index of rag's documents.
	AfterCommit func(ctx context.Context, id int64)
}

// Field returns the declared field for column.
func (t Table) Field(column string) (Field, bool) {
	for _, f := range t.Fields {
		if f.Column == column {
			return f, true
		}
	}
	return Field{}, false
}

// Listed reports whether column is one of the list page's columns, the only ones to sort by.
func (t Table) Listed(column string) bool {
	return slices.Contains(t.List, column)
}

// check finds mistakes in a declaration when the app starts, rather than on some request.
func (t Table) check() error {
	if t.Name == "" || t.DBTable == "" || t.Title == "" || t.Singular == "" {
		return fmt.Errorf("an admin table needs Name, DBTable, Title and Singular: %+v", t)
	}
	for _, names := range [][]string{t.List, t.Search, t.Filters} {
		for _, column := range names {
			if _, ok := t.Field(column); !ok {
				return fmt.Errorf("admin table %s lists column %q, which is not in its Fields", t.Name, column)
			}
		}
	}
	for _, column := range t.Filters {
		if f, _ := t.Field(column); !slices.Contains([]Kind{Boolean, Choice, ForeignKey, DateTime, Date}, f.Kind) {
			return fmt.Errorf("admin table %s filters on %q: only Boolean, Choice, ForeignKey, DateTime and Date fields can be filters", t.Name, column)
		}
	}
	for _, f := range t.Fields {
		if f.Kind == Choice && len(f.Choices) == 0 || f.Kind == ForeignKey && f.References == "" {
			return fmt.Errorf("admin table %s: field %q needs its Choices or References", t.Name, f.Column)
		}
	}
	if t.SearchIndex != "" && len(t.Search) == 0 {
		return fmt.Errorf("admin table %s has a SearchIndex but no Search columns for it to index: add them, or remove SearchIndex", t.Name)
	}
	if sort := trimMinus(t.Sort); sort != "" && !t.Listed(sort) {
		return fmt.Errorf("admin table %s sorts by %q, which is not in its List", t.Name, sort)
	}
	return nil
}

// trimMinus removes the - that marks a descending sort.
func trimMinus(sort string) string {
	if len(sort) > 0 && sort[0] == '-' {
		return sort[1:]
	}
	return sort
}

func itoa(n int) string {
	return strconv.Itoa(n)
}
