// The admin declaration of the notes table. Change List, Search or Fields to change what the
// admin shows; a new column needs its migration first.

package admin

var notesTable = Table{
	Name:     "notes",
	DBTable:  "notes",
	Title:    "Notes",
	Singular: "note",
	Fields: []Field{
		{Column: "body", Label: "Body", Kind: LongText, Required: true, MaxLength: 500},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"body", "created_at"},
	Search:      []string{"body"},
	SearchIndex: "notes_search", // SQLite: migration 00003
	Filters:     []string{"created_at"},
	Sort:        "-created_at",
}
