// `fastopp add page NAME`: plan a page's handler, template and test, its route and nav link,
// on a path that nothing in the app answers yet.
package generator

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/gobuffalo/flect"
)

// AddPageOptions are the arguments of `fastopp add page NAME`.
type AddPageOptions struct {
	AddOptions
	Name  string
	Path  string // default: /name
	Title string // default: Name in words
	Nav   bool
}

// AddPage runs `fastopp add page`.
func AddPage(ctx context.Context, templates, scaffolds fs.FS, o AddPageOptions, stdout io.Writer) (*Plan, error) {
	app, err := loadAppFor(templates, o.Dir)
	if err != nil {
		return nil, err
	}
	plan, err := planPage(app, scaffolds, o)
	if err != nil {
		return nil, err
	}
	plan.Force, plan.Log = o.Force, stdout
	return plan, NewRunner(o.DryRun, stdout, "add page "+o.Name).Run(ctx, plan)
}

var (
	pageNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	pagePathPattern = regexp.MustCompile(`^/[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$`)
)

// planPage works out the files of a new page without writing any.
func planPage(app *App, scaffolds fs.FS, o AddPageOptions) (*Plan, error) {
	spec, err := NewPageSpec(o.Name, o.Path, o.Title, o.Nav)
	if err != nil {
		return nil, err
	}
	page := newPage(spec)
	for _, p := range app.Manifest.Pages {
		if newPage(p).File == page.File {
			return nil, refuse("page %s already exists (fastopp.json lists it)", o.Name)
		}
	}
	if taken := routeTaken(app, spec.Path); taken != "" {
		return nil, refuse("%s: choose another path, e.g. --path /my-%s", taken, strings.ReplaceAll(strings.Trim(spec.Path, "/"), "/", "-"))
	}
	next := app.Manifest
	next.Pages = append(slices.Clone(next.Pages), spec)
	data, err := app.data(next)
	if err != nil {
		return nil, err
	}
	files, err := renderScaffold(scaffolds, "page", scaffoldData{App: data, P: page}, map[string]string{"file": page.File})
	if err != nil {
		return nil, err
	}
	plan, err := app.addition(files, next)
	if err != nil {
		return nil, err
	}
	return plan, plan.addRoutes(pageRoutes(scaffolds, page))
}

// NewPageSpec checks the name, path and title of `fastopp add page` and fills their defaults.
func NewPageSpec(name, urlPath, title string, nav bool) (PageSpec, error) {
	if !pageNamePattern.MatchString(name) || len(name) > maxNameLength {
		return PageSpec{}, fmt.Errorf("page name %q must be letters, digits, - and _, starting with a letter, at most %d characters: e.g. about or contact-us", name, maxNameLength)
	}
	spec := PageSpec{Name: name, Path: urlPath, Title: title, Nav: nav}
	if spec.Path == "" {
		spec.Path = "/" + flect.Dasherize(name)
	}
	if spec.Title == "" {
		spec.Title = flect.Titleize(name)
	}
	if !pagePathPattern.MatchString(spec.Path) || len(spec.Path) > 100 {
		return PageSpec{}, fmt.Errorf("page path %q must start with / and hold lower-case letters, digits, - and _: e.g. --path /about", spec.Path)
	}
	if strings.ContainsAny(spec.Title, "<>{}\"`\\") || strings.TrimSpace(spec.Title) == "" || len(spec.Title) > 80 || !utf8Printable(spec.Title) {
		return PageSpec{}, fmt.Errorf("page title %q must be plain text of at most 80 characters, without < > { } \" ` or \\: e.g. --title \"About us\"", spec.Title)
	}
	return spec, nil
}

// routeTaken says "the app already answers /p" when a feature of the app (its feature.yaml's
// routes), an added page or a model's pages answer p's first segment; "" when p is free. The
// caller adds what to do instead, which differs: add page takes --path, add model does not.
func routeTaken(app *App, p string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	taken := false
	for _, f := range app.features {
		taken = taken || slices.Contains(f.Routes, "/"+first)
	}
	for _, page := range app.Manifest.Pages {
		taken = taken || page.Path == p
	}
	for _, m := range app.Manifest.Models {
		taken = taken || m.Pages && "/"+TableName(m.Name) == p
	}
	if taken {
		return "the app already answers " + p
	}
	return ""
}
