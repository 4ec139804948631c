// The admin declaration of the demo_registrants table, written as `fastopp add model DemoRegistrant` would (the demo feature's model). Change
// List, Search, Filters or Fields to change what the admin shows; a new column needs its
// migration first. The rules of a demo registrant are not here but in its service
// (services.ValidateDemoRegistrant), which Validate runs on every save.

package admin

import (
	"context"
	"database/sql"

	"myapp/internal/models"
	"myapp/internal/services"
)

var demoRegistrantsTable = Table{
	Name:     "demo_registrants",
	DBTable:  "demo_registrants",
	Title:    "Demo registrants",
	Singular: "demo registrant",
	Display:  "name",
	Fields: []Field{
		{Column: "webinar_id", Label: "Webinar", Kind: ForeignKey, Required: true, References: "demo_webinars"},
		{Column: "name", Label: "Name", Kind: Text, Required: true, MaxLength: 200},
		{Column: "email", Label: "Email", Kind: Text, Required: true, MaxLength: 200},
		{Column: "company", Label: "Company", Kind: Text, MaxLength: 200},
		{Column: "notes", Label: "Notes", Kind: LongText},
		{Column: "photo", Label: "Photo", Kind: Image},
		{Column: "created_at", Label: "Created", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"webinar_id", "name", "email", "company", "created_at"},
	Search:      []string{"name", "email", "company", "notes"},
	SearchIndex: "demo_registrants_search",
	Filters:     []string{"webinar_id", "created_at"},
	Sort:        "-created_at",
	// Every add and change through the admin is checked by the service's rules too.
	Validate: func(ctx context.Context, tx *sql.Tx, id int64) error {
		row, err := models.New(tx).GetDemoRegistrant(ctx, id)
		if err != nil {
			return err
		}
		return services.ValidateDemoRegistrant(row)
	},
}
