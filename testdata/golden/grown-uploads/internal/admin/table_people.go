// The admin declaration of the people table, made by `fastopp add model Person`. Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a person are not here but in its service
// (services.ValidatePerson), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var peopleTable = Table{
	Name:     "people",
	DBTable:  "people",
	Title:    "People",
	Singular: "person",
	Display:  "name",
	Fields: []Field{
		{Column: "name", Label: "Name", Kind: Text, Required: true, MaxLength: 200},
		{Column: "photo", Label: "Photo", Kind: Image, Required: true},
		{Column: "cv", Label: "Cv", Kind: File},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"name", "photo", "cv", "created_at"},
	Search:      []string{"name"},
	SearchIndex: "people_search",
	Filters:     []string{"created_at"},
	Sort:        "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetPerson(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidatePerson(row)
	},
}
