// Admin declarations you write by hand: tables.go belongs to fastopp and is rewritten by
// `fastopp add model`, so list your own table_<table>.go declarations here instead.

package admin

// ownTables returns the declarations of the tables you added to the admin by hand, shown
// after the others on the dashboard.
func ownTables() []Table {
	return []Table{}
}
