// The admin declaration of the receipts table, made by `fastopp add model Receipt`. Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a receipt are not here but in its service
// (services.ValidateReceipt), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var receiptsTable = Table{
	Name:     "receipts",
	DBTable:  "receipts",
	Title:    "Receipts",
	Singular: "receipt",
	Fields: []Field{
		{Column: "total", Label: "Total", Kind: Decimal, Required: true, Scale: 2},
		{Column: "scan", Label: "Scan", Kind: Image},
		{Column: "paid", Label: "Paid", Kind: Boolean},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:    []string{"total", "scan", "paid", "created_at"},
	Filters: []string{"paid", "created_at"},
	Sort:    "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetReceipt(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidateReceipt(row)
	},
}
