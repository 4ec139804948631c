// `fastopp new NAME`: flags (or a form, on a terminal) become generator.NewOptions.
package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/fastopp/fastopp/generator"
	"github.com/fastopp/fastopp/templates"
	"github.com/spf13/cobra"
)

type newFlags struct {
	opts     generator.NewOptions
	features string
	yes      bool
	// which answers were given on the command line, so the form asks only the rest
	gotModule, gotDB, gotFeatures bool
}

func newNewCmd(env environment) *cobra.Command {
	f := &newFlags{}
	cmd := &cobra.Command{
		Use:   "new NAME",
		Short: "Create a new app in ./NAME",
		Long: `Create a complete, runnable, tested Go web app.

On a terminal, questions you did not answer with flags are asked; --yes accepts
the defaults. Without a terminal nothing is ever asked.

` + featureHelp(),
		Example: `  fastopp new myapp --yes
  fastopp new shop --module github.com/me/shop --db postgres
  fastopp new site --db none --minimal`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				f.opts.Name = args[0]
			}
			f.gotModule = cmd.Flags().Changed("module")
			f.gotDB = cmd.Flags().Changed("db")
			if cmd.Flags().Changed("features") {
				f.opts.Features = generator.ParseFeatureList(f.features)
			}
			f.gotFeatures = f.opts.Features != nil || f.opts.Minimal
			f.opts.Version = version
			return runNew(cmd.Context(), env, f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.opts.Module, "module", "", "Go module path (default NAME)")
	fl.StringVar(&f.opts.DB, "db", generator.DBSQLite, "database: sqlite, postgres or none")
	fl.StringVar(&f.features, "features", "", "comma-separated optional features (default: all): "+strings.Join(optionalFeatures(), ", "))
	fl.BoolVar(&f.opts.Minimal, "minimal", false, "a bare site: no optional features")
	fl.StringVar(&f.opts.Dir, "dir", "", "directory to write the app in (default ./NAME)")
	fl.BoolVarP(&f.yes, "yes", "y", false, "accept the defaults; ask nothing")
	fl.BoolVar(&f.opts.DryRun, "dry-run", false, "print what would be written; write nothing")
	fl.BoolVar(&f.opts.Force, "force", false, "write into a directory that is not empty, overwriting files")
	fl.BoolVar(&f.opts.SkipTidy, "skip-tidy", false, "do not run go mod tidy (run it yourself before building); skips the compile too")
	fl.BoolVar(&f.opts.SkipAssets, "skip-assets", false, "do not build front-end assets with npm (the app then uses a CDN)")
	fl.BoolVar(&f.opts.SkipBuild, "skip-build", false, "do not compile the app once at the end (the first go run . serve then takes a minute)")
	return cmd
}

// optionalFeatures are the names --features takes, from templates/*/feature.yaml.
func optionalFeatures() []string {
	reg, err := generator.LoadRegistry(templates.FS)
	if err != nil {
		return nil // the command itself reports the broken templates
	}
	return reg.Optional()
}

// featureHelp lists the optional features with their summaries, as new --help shows them.
func featureHelp() string {
	reg, err := generator.LoadRegistry(templates.FS)
	if err != nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("Features (--features LIST; all of them by default, none with --minimal):\n")
	width := 0
	for _, name := range reg.Optional() {
		width = max(width, len(name))
	}
	for _, name := range reg.Optional() {
		feat := reg.Feature(name)
		text := feat.Summary
		var needs []string
		needs = append(needs, feat.Needs...)
		if feat.NeedsDatabase {
			needs = append(needs, "a database")
		}
		if len(needs) > 0 {
			text += " (needs " + strings.Join(needs, " and ") + ")"
		}
		fmt.Fprintf(&b, "  %-*s  %s\n", width, name, wrap(text, 76-width-4, strings.Repeat(" ", width+4)))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// wrap breaks text into lines of at most width characters, the later ones after indent.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for _, word := range strings.Fields(text) {
		if line > 0 && line+1+len(word) > width {
			b.WriteString("\n" + indent)
			line = 0
		} else if line > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += len(word)
	}
	return b.String()
}

func runNew(ctx context.Context, env environment, f *newFlags, stdout, stderr io.Writer) error {
	reg, err := generator.LoadRegistry(templates.FS)
	if err != nil {
		return err
	}
	asked := false
	if env.interactive && !f.yes {
		if asked, err = askNew(reg, f); err != nil {
			return err
		}
	}
	if f.opts.Name == "" {
		return fmt.Errorf("the app needs a name: fastopp new myapp")
	}
	plan, err := generator.New(ctx, templates.FS, f.opts, tools(env, stdout, stderr), stdout)
	if err != nil || f.opts.DryRun {
		return err
	}
	dir := plan.Root
	if !filepath.IsAbs(dir) && !strings.HasPrefix(dir, ".") {
		dir = "." + string(filepath.Separator) + dir
	}
	fmt.Fprintf(stdout, "Created %s (%d files).\n\n", plan.Root, len(plan.Files))
	if asked {
		fmt.Fprintf(stdout, "Next time, the same app in one command:\n  %s\n\n", equivalentCommand(f))
	}
	fmt.Fprintf(stdout, "Run it:\n  cd %s\n%s\nTest it:\n  go test ./...\n", dir, runSteps(f.opts, plan))
	return nil
}

// runSteps are the commands that start the new app, each with what to expect of it.
func runSteps(o generator.NewOptions, plan *generator.Plan) string {
	var b strings.Builder
	if o.SkipTidy {
		b.WriteString("  go mod tidy       # --skip-tidy left this for you: it fetches the modules\n")
	}
	serve := "  go run . serve    # then open http://localhost:8000"
	if slices.ContainsFunc(plan.Files, func(f generator.File) bool { return strings.HasPrefix(f.Path, "internal/auth/") }) {
		serve += "; the first run prints how to log in"
	}
	b.WriteString(serve + "\n")
	if o.SkipTidy || o.SkipBuild {
		b.WriteString("                    # (it compiles the app first: about a minute the very first time)\n")
	}
	return b.String()
}

// askNew shows a form for the answers not given as flags. It reports whether it asked anything.
func askNew(reg *generator.Registry, f *newFlags) (bool, error) {
	var fields []huh.Field
	if f.opts.Name == "" {
		fields = append(fields, huh.NewInput().Title("App name").Description("letters, digits, - and _").
			Value(&f.opts.Name).Validate(generator.ValidateAppName))
	}
	if !f.gotModule {
		fields = append(fields, huh.NewInput().Title("Go module path").
			Description("leave empty to use the app name, or e.g. github.com/you/myapp").
			Value(&f.opts.Module).Validate(func(s string) error {
			if s == "" {
				return nil
			}
			return generator.ValidateModulePath(s)
		}))
	}
	if !f.gotDB {
		fields = append(fields, huh.NewSelect[string]().Title("Database").Options(
			huh.NewOption("SQLite (no setup, pure Go)", generator.DBSQLite),
			huh.NewOption("PostgreSQL (pgx)", generator.DBPostgres),
			huh.NewOption("None (a site without a database)", generator.DBNone),
		).Value(&f.opts.DB))
	}
	asked := len(fields) > 0
	if asked {
		if err := huh.NewForm(huh.NewGroup(fields...)).Run(); err != nil {
			return false, err
		}
	}
	if !f.gotFeatures && len(reg.Optional()) > 0 {
		var options []huh.Option[string]
		for _, name := range reg.Optional() {
			feat := reg.Feature(name)
			if f.opts.DB == generator.DBNone && feat.NeedsDatabase {
				continue
			}
			options = append(options, huh.NewOption(name+": "+feat.Summary, name).Selected(true))
		}
		chosen := []string{}
		err := huh.NewForm(huh.NewGroup(huh.NewMultiSelect[string]().
			Title("Features").Options(options...).Value(&chosen))).Run()
		if err != nil {
			return false, err
		}
		f.opts.Features = chosen
		f.gotFeatures = true
		asked = true
	}
	return asked, nil
}

// equivalentCommand is the non-interactive command for the answers given.
func equivalentCommand(f *newFlags) string {
	o := f.opts
	parts := []string{"fastopp", "new", o.Name}
	if o.Module != "" && o.Module != o.Name {
		parts = append(parts, "--module", o.Module)
	}
	parts = append(parts, "--db", o.DB)
	if len(o.Features) == 0 {
		parts = append(parts, "--minimal")
	} else {
		parts = append(parts, "--features", strings.Join(o.Features, ","))
	}
	if o.Dir != "" && o.Dir != o.Name {
		parts = append(parts, "--dir", o.Dir)
	}
	for _, flag := range []struct {
		name string
		on   bool
	}{{"--force", o.Force}, {"--skip-tidy", o.SkipTidy}, {"--skip-assets", o.SkipAssets}, {"--skip-build", o.SkipBuild}} {
		if flag.on {
			parts = append(parts, flag.name)
		}
	}
	return strings.Join(parts, " ")
}
