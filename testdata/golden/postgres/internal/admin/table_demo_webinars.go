// The admin declaration of the demo_webinars table, written as `fastopp add model DemoWebinar` would (the demo feature's model). Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a demo webinar are not here but in its service
// (services.ValidateDemoWebinar), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var demoWebinarsTable = Table{
	Name:     "demo_webinars",
	DBTable:  "demo_webinars",
	Title:    "Demo webinars",
	Singular: "demo webinar",
	Display:  "title",
	Fields: []Field{
		{Column: "title", Label: "Title", Kind: Text, Required: true, MaxLength: 200},
		{Column: "presenter", Label: "Presenter", Kind: Text, Required: true, MaxLength: 200},
		{Column: "starts_at", Label: "Starts at", Kind: DateTime, Required: true},
		{Column: "description", Label: "Description", Kind: LongText},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"title", "presenter", "starts_at", "description", "created_at"},
	Search:      []string{"title", "presenter", "description"},
	SearchIndex: "",
	Filters:     []string{"starts_at", "created_at"},
	Sort:        "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetDemoWebinar(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidateDemoWebinar(row)
	},
}
