// The admin declaration of the groups table (auth_groups). Members and permissions are given
// with `go run . users`; see internal/auth/permissions.go.

package admin

var groupsTable = Table{
	Name:     "groups",
	DBTable:  "auth_groups",
	Title:    "Groups",
	Singular: "group",
	Display:  "name", // a group's name stands for it in other tables' selects
	Fields: []Field{
		{Column: "name", Label: "Name", Kind: Text, Required: true, MaxLength: 150},
	},
	List:        []string{"name"},
	Search:      []string{"name"},
	SearchIndex: "auth_groups_search", // SQLite: migration 00003
	Sort:        "name",
	Links: []Link{
		{Label: "Permissions", Path: "/admin/groups/{id}/permissions"}, // groups.go
	},
	Authorize: authorizeGroup, // rules.go: who may delete a group
}
