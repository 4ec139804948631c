// The admin declaration of the categories table, made by `fastopp add model Category`. Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a category are not here but in its service
// (services.ValidateCategory), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var categoriesTable = Table{
	Name:     "categories",
	DBTable:  "categories",
	Title:    "Categories",
	Singular: "category",
	Display:  "name",
	Fields: []Field{
		{Column: "name", Label: "Name", Kind: Text, Required: true, MaxLength: 200},
		{Column: "parent_id", Label: "Parent", Kind: ForeignKey, References: "categories"},
		{Column: "meta", Label: "Meta", Kind: JSON},
		{Column: "code", Label: "Code", Kind: Text, MaxLength: 36, Help: "A UUID, such as 123e4567-e89b-12d3-a456-426614174000."},
		{Column: "cover", Label: "Cover", Kind: Image},
		{Column: "manual", Label: "Manual", Kind: File},
		{Column: "starts_at", Label: "Starts at", Kind: DateTime},
		{Column: "views", Label: "Views", Kind: Integer, Required: true},
		{Column: "day", Label: "Day", Kind: Date},
		{Column: "featured", Label: "Featured", Kind: Boolean},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"name", "parent_id", "meta", "code", "created_at"},
	Search:      []string{"name"},
	SearchIndex: "categories_search",
	Filters:     []string{"parent_id", "starts_at", "day", "featured", "created_at"},
	Sort:        "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetCategory(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidateCategory(row)
	},
}
