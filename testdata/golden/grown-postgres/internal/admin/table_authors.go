// The admin declaration of the authors table, made by `fastopp add model Author`. Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a author are not here but in its service
// (services.ValidateAuthor), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var authorsTable = Table{
	Name:     "authors",
	DBTable:  "authors",
	Title:    "Authors",
	Singular: "author",
	Display:  "name",
	Fields: []Field{
		{Column: "name", Label: "Name", Kind: Text, Required: true, MaxLength: 200},
		{Column: "bio", Label: "Bio", Kind: LongText},
		{Column: "type", Label: "Type", Kind: Text, MaxLength: 200},
		{Column: "func", Label: "Func", Kind: Integer},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:    []string{"name", "bio", "type", "func", "created_at"},
	Search:  []string{"name", "bio", "type"},
	Filters: []string{"created_at"},
	Sort:    "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetAuthor(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidateAuthor(row)
	},
}
