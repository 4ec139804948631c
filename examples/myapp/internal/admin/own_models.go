// Admin declarations you write by hand: models.go belongs to fastopp and is rewritten by
// `fastopp add model`, so list your own model_<table>.go declarations here instead.

package admin

// ownModels returns the declarations of the tables you added to the admin by hand, shown
// after the others on the dashboard.
func ownModels() []Model {
	return []Model{}
}
