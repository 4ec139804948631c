// `fastopp new`: check the options, resolve features, render, plan, run.
package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
)

// NewOptions are the answers for `fastopp new`, from flags or from the form.
type NewOptions struct {
	Name       string
	Module     string   // default: Name
	DB         string   // sqlite, postgres or none
	Features   []string // optional features; nil means all of them
	Minimal    bool     // no optional features
	Dir        string   // default: ./Name
	DryRun     bool
	Force      bool
	SkipTidy   bool // do not run go mod tidy
	SkipAssets bool // do not run npm install && npm run build
	SkipBuild  bool // do not compile the app once at the end (it needs go mod tidy's go.sum)
	Version    string
}

// Tools are the programs `new` runs on the staged app. Tests and the CLI inject them,
// which keeps sqlc (a large dependency) out of this package.
type Tools struct {
	// SQLC generates query code from sqlc.yaml in dir; nil skips it.
	SQLC func(ctx context.Context, dir string) error
	// LookPath finds an executable; nil means exec.LookPath.
	LookPath func(name string) (string, error)
	// Log receives notes such as "npm not found"; nil discards them.
	Log io.Writer
	// Progress shows each step while it runs.
	Progress Progress
	// Supervisor is the fastopp binary, which runs each program under `fastopp __supervise`
	// so that the program and all it starts die with fastopp (see RunChild); "" runs them
	// directly.
	Supervisor string
}

// Normalize fills defaults and checks every option, without touching the disk.
func (o *NewOptions) Normalize(reg *Registry) error {
	if err := ValidateAppName(o.Name); err != nil {
		return err
	}
	if o.Module == "" {
		o.Module = o.Name
	}
	if err := ValidateModulePath(o.Module); err != nil {
		return err
	}
	if o.DB == "" {
		o.DB = DBSQLite
	}
	if o.Minimal && len(o.Features) > 0 {
		return fmt.Errorf("--minimal and --features cannot be used together: --minimal means no optional features")
	}
	if o.Minimal {
		o.Features = []string{}
	}
	if o.Features == nil {
		o.Features = defaultFeatures(reg, o.DB)
	}
	if o.Dir == "" {
		o.Dir = o.Name
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	_, err := reg.Resolve(o.DB, o.Features)
	return err
}

// defaultFeatures is every optional feature that fits the database choice.
func defaultFeatures(reg *Registry, db string) []string {
	out := []string{}
	for _, name := range reg.Optional() {
		if db == DBNone && reg.Feature(name).NeedsDatabase {
			continue
		}
		out = append(out, name)
	}
	return out
}

// PlanNew computes the whole plan for `fastopp new` without writing anything.
func PlanNew(reg *Registry, o NewOptions, tools Tools) (*Plan, error) {
	if err := o.Normalize(reg); err != nil {
		return nil, err
	}
	features, err := reg.Resolve(o.DB, o.Features)
	if err != nil {
		return nil, err
	}
	data, err := NewTemplateData(o.Name, o.Module, o.DB, o.Version, features)
	if err != nil {
		return nil, err
	}
	if tools.LookPath == nil {
		tools.LookPath = exec.LookPath
	}
	npmFound := false
	if !o.SkipAssets {
		_, err := tools.LookPath("npm")
		npmFound = err == nil
	}
	data.AssetsBuilt = npmFound
	files, err := Render(features, data)
	if err != nil {
		return nil, err
	}
	manifest, err := json.MarshalIndent(Manifest{
		Fastopp: o.Version, Name: o.Name, Module: o.Module, DB: o.DB, Features: o.Features,
	}, "", "  ")
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: ManifestFile, Content: append(manifest, '\n'), Mode: 0o644})

	plan := &Plan{Root: o.Dir, Files: files, Force: o.Force}
	if tools.SQLC != nil && hasFile(files, "sqlc.yaml") {
		plan.Steps = append(plan.Steps, Step{Name: "sqlc generate (query code in internal/models)", Run: tools.SQLC})
	}
	if !o.SkipTidy {
		plan.Steps = append(plan.Steps, Step{Name: "go mod tidy", Run: command(tools, "go", "mod", "tidy")})
	}
	if !o.SkipAssets && hasFile(files, "package.json") {
		if !npmFound {
			if tools.Log != nil {
				fmt.Fprintln(tools.Log, "npm was not found, so the app will load HTMX, Alpine, Tailwind and DaisyUI from a CDN.\nInstall Node.js, then run `npm install && npm run build` in the app to serve them itself.")
			}
		} else {
			plan.Steps = append(plan.Steps,
				Step{Name: "npm install", Run: command(tools, "npm", "install", "--no-audit", "--no-fund")},
				Step{Name: "npm run build", Run: command(tools, "npm", "run", "build")})
		}
	}
	// Last, one compile: it fills Go's build cache with every package the app imports (most
	// of the first build's minute), so the student's first `go run . serve` starts in seconds.
	// It runs in the staging folder, so a failure leaves nothing behind, and -o os.DevNull
	// keeps no binary. The app's own packages compile again where the app lands (their path
	// is part of the cache key), which takes a few seconds. It needs the go.sum of tidy.
	if !o.SkipTidy && !o.SkipBuild {
		plan.Steps = append(plan.Steps, Step{Name: BuildStepName, Run: command(tools, "go", "build", "-o", os.DevNull, ".")})
	}
	if err := plan.CheckTarget(); err != nil {
		return nil, err
	}
	return plan, nil
}

func hasFile(files []File, path string) bool {
	for _, f := range files {
		if f.Path == path {
			return true
		}
	}
	return false
}

// BuildStepName is the step of new that compiles the app once.
// The names of steps stay short: on a terminal their line is redrawn, which only works while
// it fits on one line.
const BuildStepName = "go build (compile once, so go run . serve starts in seconds)"

// command returns a step that runs a program in the staged app and, on failure,
// reports what it printed.
func command(tools Tools, name string, args ...string) func(context.Context, string) error {
	return func(ctx context.Context, dir string) error {
		bin, err := tools.LookPath(name)
		if err != nil {
			return fmt.Errorf("%s was not found on PATH: install it, or skip this step (--skip-tidy, --skip-assets, --skip-build)", name)
		}
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := RunChild(ctx, cmd, tools.Supervisor); err != nil {
			return fmt.Errorf("%s %v: %w\n%s", name, args, err, out.String())
		}
		return nil
	}
}

// New runs `fastopp new`: it prints the plan for a dry run, and otherwise writes it.
func New(ctx context.Context, templates fs.FS, o NewOptions, tools Tools, stdout io.Writer) (*Plan, error) {
	reg, err := LoadRegistry(templates)
	if err != nil {
		return nil, err
	}
	plan, err := PlanNew(reg, o, tools)
	if err != nil {
		return nil, err
	}
	plan.Log, plan.Progress = stdout, tools.Progress
	return plan, NewRunner(o.DryRun, stdout, "new").Run(ctx, plan)
}
