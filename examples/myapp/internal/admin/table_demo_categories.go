// The admin declaration of the demo_categories table, written as `fastopp add model DemoCategory` would (the demo feature's model). Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a demo category are not here but in its service
// (services.ValidateDemoCategory), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var demoCategoriesTable = Table{
	Name:     "demo_categories",
	DBTable:  "demo_categories",
	Title:    "Demo categories",
	Singular: "demo category",
	Display:  "name",
	Fields: []Field{
		{Column: "name", Label: "Name", Kind: Text, Required: true, MaxLength: 200},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"name", "created_at"},
	Search:      []string{"name"},
	SearchIndex: "demo_categories_search",
	Filters:     []string{"created_at"},
	Sort:        "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetDemoCategory(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidateDemoCategory(row)
	},
}
