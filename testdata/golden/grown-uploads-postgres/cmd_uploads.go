// The uploads command looks after stored files: `uploads clean` lists the files no record
// names (left by a crash between storing a file and saving its row, or by a failed delete),
// and the recorded files no row of the admin's tables holds any more,
// and with --delete removes them.

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"myapp/internal/admin"
	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/uploads"
)

const uploadsUsage = "usage: go run . uploads clean [--delete] [--older-than 1h]"

func runUploads(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "clean" {
		return errors.New(uploadsUsage)
	}
	flags := flag.NewFlagSet("uploads clean", flag.ContinueOnError)
	flags.SetOutput(stderr)
	remove := flags.Bool("delete", false, "delete the files found (without it they are only listed)")
	// A file stored a moment ago may belong to a save still under way: leave it alone.
	grace := flags.Duration("older-than", time.Hour, "only files stored longer ago than this")
	if err := flags.Parse(args[1:]); err != nil {
		return ignoreHelp(err)
	}

	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return err
	}
	db, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	store, err := uploads.New(ctx, cfg)
	if err != nil {
		return err
	}
	files := uploads.NewFiles(db, store, "", slog.New(slog.DiscardHandler))

	found := 0
	err = files.Orphans(ctx, *grace, func(key string) error {
		found++
		if !*remove {
			fmt.Fprintln(stdout, key)
			return nil
		}
		fmt.Fprintln(stdout, "deleted", key)
		return files.Delete(ctx, key)
	})
	if err != nil {
		return err
	}
	err = files.Unused(ctx, *grace, uploadColumns(), func(key string) error {
		found++
		if !*remove {
			fmt.Fprintln(stdout, key, "(recorded, but no row holds it)")
			return nil
		}
		fmt.Fprintln(stdout, "deleted", key)
		return files.Forget(ctx, key)
	})
	if err != nil {
		return err
	}
	switch {
	case found == 0:
		fmt.Fprintln(stdout, "No stored file is unused.")
	case !*remove:
		fmt.Fprintf(stdout, "%d unused file(s). Run `go run . uploads clean --delete` to delete them.\n", found)
	}
	return nil
}

// uploadColumns are the Image and File fields of the admin's tables: where upload keys are kept.
func uploadColumns() []uploads.Column {
	var columns []uploads.Column
	for _, t := range admin.Tables() {
		for _, f := range t.Fields {
			if f.Kind == admin.Image || f.Kind == admin.File {
				columns = append(columns, uploads.Column{Owner: t.Name, Table: t.DBTable, Column: f.Column})
			}
		}
	}
	return columns
}
