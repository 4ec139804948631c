// The admin declaration of the books table, made by `fastopp add model Book`. Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a book are not here but in its service
// (services.ValidateBook), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var booksTable = Table{
	Name:     "books",
	DBTable:  "books",
	Title:    "Books",
	Singular: "book",
	Display:  "title",
	Fields: []Field{
		{Column: "title", Label: "Title", Kind: Text, Required: true, MaxLength: 200},
		{Column: "pages", Label: "Pages", Kind: Integer, Required: true},
		{Column: "published", Label: "Published", Kind: Boolean},
		{Column: "author_id", Label: "Author", Kind: ForeignKey, Required: true, References: "authors"},
		{Column: "owner_id", Label: "Owner", Kind: ForeignKey, Required: true, References: "users"},
		{Column: "summary", Label: "Summary", Kind: LongText},
		{Column: "price", Label: "Price", Kind: Decimal, Scale: 2},
		{Column: "released", Label: "Released", Kind: Date, Required: true},
		{Column: "rating", Label: "Rating", Kind: Decimal, Required: true, Scale: 6},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"title", "pages", "published", "author_id", "created_at"},
	Search:      []string{"title", "summary"},
	SearchIndex: "books_search",
	Filters:     []string{"published", "author_id", "owner_id", "released", "created_at"},
	Sort:        "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetBook(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidateBook(row)
	},
}
