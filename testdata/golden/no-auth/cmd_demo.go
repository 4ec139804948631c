// The demo command: `go run . demo load` fills the app with sample data for a class, and
// `go run . demo reset` removes exactly that data. The work is done by internal/demo; this
// file only reads the flags and opens what the loader needs.

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"myapp/internal/config"
	"myapp/internal/demo"
	"myapp/internal/uploads"
)

const demoUsage = "usage: go run . demo load [--force] | go run . demo reset"

func runDemo(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "load" && args[0] != "reset") {
		return errors.New(demoUsage)
	}
	flags := flag.NewFlagSet("demo "+args[0], flag.ContinueOnError)
	flags.SetOutput(stderr)
	force := flags.Bool("force", false, "load even when ENVIRONMENT=production")
	if err := flags.Parse(args[1:]); err != nil {
		return ignoreHelp(err)
	}
	if flags.NArg() > 0 {
		return errors.New(demoUsage)
	}
	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return err
	}
	// Sample data has no place in a real app: refuse unless asked twice.
	if args[0] == "load" && cfg.IsProduction() && !*force {
		return errors.New("ENVIRONMENT is production: the demo's sample data do not belong in a real app; to load them anyway: go run . demo load --force")
	}
	loader, closeDB, err := openDemo(ctx, cfg, stdout, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	started := time.Now()
	if args[0] == "reset" {
		err = loader.Reset(ctx)
	} else {
		err = loader.Load(ctx)
	}
	if err == nil {
		fmt.Fprintf(stdout, "Done in %s.\n", time.Since(started).Round(time.Millisecond))
	}
	return err
}

// openDemo opens and migrates the database and the uploads' storage, and returns the loader
// over them. Call closeDB when done.
func openDemo(ctx context.Context, cfg config.Config, stdout, stderr io.Writer) (loader *demo.Loader, closeDB func(), err error) {
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	store, err := uploads.New(ctx, cfg)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	logger := newLogger(cfg, stderr)
	files := uploads.NewFiles(db, store, cfg.S3CDNURL, logger)
	loader = demo.NewLoader(db, files, uploads.NewPolicy(cfg), time.Now, stdout)
	return loader, func() { db.Close() }, nil
}
