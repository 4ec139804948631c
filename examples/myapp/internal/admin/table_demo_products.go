// The admin declaration of the demo_products table, written as `fastopp add model DemoProduct` would (the demo feature's model). Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a demo product are not here but in its service
// (services.ValidateDemoProduct), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var demoProductsTable = Table{
	Name:     "demo_products",
	DBTable:  "demo_products",
	Title:    "Demo products",
	Singular: "demo product",
	Display:  "name",
	Fields: []Field{
		{Column: "name", Label: "Name", Kind: Text, Required: true, MaxLength: 200},
		{Column: "category_id", Label: "Category", Kind: ForeignKey, Required: true, References: "demo_categories"},
		{Column: "price", Label: "Price", Kind: Decimal, Required: true, Scale: 2},
		{Column: "stock", Label: "Stock", Kind: Integer, Required: true},
		{Column: "description", Label: "Description", Kind: LongText},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"name", "category_id", "price", "stock", "created_at"},
	Search:      []string{"name", "description"},
	SearchIndex: "demo_products_search",
	Filters:     []string{"category_id", "created_at"},
	Sort:        "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetDemoProduct(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidateDemoProduct(row)
	},
}
