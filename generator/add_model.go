// `fastopp add model NAME FIELD...`: plan a model's migration, queries, service, admin
// declaration, pages and tests, and the files fastopp owns that list it.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"time"
)

// AddModelOptions are the arguments of `fastopp add model NAME FIELD...`.
type AddModelOptions struct {
	AddOptions
	Name   string
	Fields []string
	Pages  bool
}

// AddModel runs `fastopp add model`.
func AddModel(ctx context.Context, templates, scaffolds fs.FS, o AddModelOptions, tools Tools, stdout io.Writer) (*Plan, error) {
	app, err := loadAppFor(templates, o.Dir)
	if err != nil {
		return nil, err
	}
	plan, err := planModel(app, scaffolds, o, tools.SQLC)
	if err != nil {
		return nil, err
	}
	plan.Force, plan.Log, plan.Progress = o.Force, stdout, tools.Progress
	return plan, NewRunner(o.DryRun, stdout, "add model "+o.Name).Run(ctx, plan)
}

// planModel works out every file of a new model without writing any; sqlc, when not nil,
// regenerates the query code in the staging folder before anything is written.
func planModel(app *App, scaffolds fs.FS, o AddModelOptions, sqlc func(context.Context, string) error) (*Plan, error) {
	if app.Manifest.DB == DBNone {
		return nil, fmt.Errorf("this app has no database (it was made with --db none), so it cannot hold models: make a new app with --db sqlite or --db postgres")
	}
	name, err := NewModelName(o.Name)
	if err != nil {
		return nil, err
	}
	for _, m := range app.Manifest.Models {
		if TableName(m.Name) == name.Table {
			return nil, refuse("model %s already exists (fastopp.json lists it)", name.Go)
		}
	}
	if feature := app.tableOwner(name.Table); feature != "" {
		return nil, refuse("the app already has a table %s (the %s feature's): choose another model name", name.Table, feature)
	}
	tables, err := app.tables()
	if err != nil {
		return nil, err
	}
	if file, ok := tables[name.Table]; ok {
		return nil, refuse("the app already has a table %s (made in internal/database/migrations/%s): choose another model name", name.Table, file)
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	spec := ModelSpec{Name: name.Go, Fields: o.Fields, Pages: o.Pages, Version: migrationVersion(now(), app.Manifest.Models)}
	next := app.Manifest
	next.Models = append(slices.Clone(next.Models), spec)
	data, err := app.data(next)
	if err != nil {
		// The manifest held valid models before, so the problem is the new one: say it plainly.
		return nil, errors.Unwrap(err)
	}
	model := data.Models[len(data.Models)-1]
	if len(model.Uploads()) > 0 && !app.has(uploadsPackage) {
		return nil, fmt.Errorf("this app has no %s: it was made before fastopp had uploads, and its image and file "+
			"fields need that package. Make %s a string field (a path or URL) here, or make a new app with "+
			"`fastopp new` and move your code into it", uploadsPackage, model.Uploads()[0].Column)
	}
	if taken := routeTaken(app, "/"+model.Table); o.Pages && taken != "" {
		return nil, refuse("%s, where --pages would put the %s pages: choose another model name, "+
			"or leave out --pages (the admin at /admin/%s works without them)", taken, model.Singular, model.Table)
	}
	files, err := renderScaffold(scaffolds, "model", scaffoldData{App: data, M: model}, map[string]string{
		"table": model.Table, "version": model.Version,
	})
	if err != nil {
		return nil, err
	}
	plan, err := app.addition(files, next)
	if err != nil {
		return nil, err
	}
	if o.Pages {
		if err := plan.addRoutes(modelRoutes(scaffolds, model, app.Manifest.Module)); err != nil {
			return nil, err
		}
	}
	if sqlc == nil {
		return plan, nil
	}
	if plan.Inputs, err = app.sqlcInputs(); err != nil {
		return nil, err
	}
	plan.Steps = append(plan.Steps, sqlcStep(model, sqlc))
	return plan, nil
}

// migrationVersion is a UTC timestamp, one second past the newest model's when the clock
// has not moved on (two models added in one second).
func migrationVersion(now time.Time, models []ModelSpec) string {
	version := now.UTC().Format("20060102150405")
	for _, m := range models {
		if m.Version >= version {
			t, err := time.Parse("20060102150405", m.Version)
			if err == nil {
				version = t.Add(time.Second).Format("20060102150405")
			}
		}
	}
	return version
}

// uploadsPackage is the folder of the uploads feature, which image and file fields use.
const uploadsPackage = "internal/uploads"
