// The backup and restore commands: `go run . backup` writes the database and the uploaded
// files into one archive (internal/backup), `go run . restore FILE` puts one back. The
// README's Backups section shows how to run them every night, here and on fly.io.

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"myapp/internal/backup"
	"myapp/internal/config"
	"myapp/internal/uploads"
)

// appName is written in each backup's manifest and names the archives.
const appName = "myapp"

// archiveTime is the UTC time in an archive's name: names then sort in the order they were made.
const archiveTime = "20060102T150405Z"

// archivePattern matches the names backup gives its archives, and nothing else: --keep
// deletes only those.
var archivePattern = regexp.MustCompile(`^` + regexp.QuoteMeta(appName) + `-\d{8}T\d{6}Z\.tar\.gz$`)

func runBackup(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("backup", flag.ContinueOnError)
	flags.SetOutput(stderr)
	out := flags.String("out", "backups/", "the archive to write, or a folder (ending in /) to write "+appName+"-TIME.tar.gz in")
	keep := flags.Int("keep", 0, "then delete all but the newest N archives in the same folder (0: keep all)")
	if err := flags.Parse(args); err != nil {
		return ignoreHelp(err)
	}
	if flags.NArg() > 0 || *keep < 0 {
		return errors.New("usage: go run . backup [--out FILE] [--keep N]")
	}
	app, err := backupApp(ctx, getenv)
	if err != nil {
		return err
	}
	now := app.Now()
	if info, err := os.Stat(*out); strings.HasSuffix(*out, "/") || (err == nil && info.IsDir()) {
		*out = filepath.Join(*out, appName+"-"+now.UTC().Format(archiveTime)+".tar.gz")
	}
	m, size, err := writeArchive(ctx, app, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up the database (migration %d) and %d stored file(s) to %s (%s).\n",
		m.Migration, m.Uploads(), *out, megabytes(size))
	if *keep > 0 {
		return pruneArchives(filepath.Dir(*out), *keep, stdout)
	}
	return nil
}

// writeArchive writes the archive under a temporary name and renames it when it is whole, so
// a backup that fails leaves no archive that looks complete.
func writeArchive(ctx context.Context, app backup.App, path string) (*backup.Manifest, int64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, 0, err
	}
	file, err := os.CreateTemp(filepath.Dir(path), ".backup-*.partial")
	if err != nil {
		return nil, 0, err
	}
	defer os.Remove(file.Name()) // fails once the rename has happened
	app.ScratchDir = filepath.Dir(path)
	m, err := app.Create(ctx, file)
	if err == nil {
		err = file.Sync()
	}
	if closeErr := file.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return nil, 0, fmt.Errorf("back up: %w", err)
	}
	info, err := os.Stat(file.Name())
	if err != nil {
		return nil, 0, err
	}
	return m, info.Size(), os.Rename(file.Name(), path)
}

// pruneArchives deletes all but the newest keep archives that backup named, in dir.
func pruneArchives(dir string, keep int, stdout io.Writer) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var archives []string
	for _, entry := range entries {
		if entry.Type().IsRegular() && archivePattern.MatchString(entry.Name()) {
			archives = append(archives, entry.Name())
		}
	}
	slices.Sort(archives) // oldest first: the names hold the time
	for _, name := range archives[:max(0, len(archives)-keep)] {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Deleted the older", filepath.Join(dir, name))
	}
	return nil
}

func runRestore(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	const usage = "usage: go run . restore FILE [--yes]"
	flags := flag.NewFlagSet("restore", flag.ContinueOnError)
	flags.SetOutput(stderr)
	yes := flags.Bool("yes", false, "replace the data without asking")
	files, err := parseFlags(flags, args) // --yes may come before or after FILE
	if err != nil {
		return ignoreHelp(err)
	}
	if len(files) != 1 {
		return errors.New(usage)
	}
	app, err := backupApp(ctx, getenv)
	if err != nil {
		return err
	}
	app.ScratchDir = filepath.Dir(files[0])
	confirm := func(m *backup.Manifest) error {
		fmt.Fprintf(stdout, "%s: a backup of %s made %s, database at migration %d, %d stored file(s).\n",
			files[0], m.App, m.Created.Local().Format(time.DateTime), m.Migration, m.Uploads())
		if *yes {
			return nil
		}
		return askToReplace(stdin, stdout)
	}
	restored, err := app.Restore(ctx, files[0], confirm)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored the database and %d stored file(s); deleted %d file(s) the backup does not hold.\n",
		restored.Files, restored.Removed)
	for _, name := range restored.Applied {
		fmt.Fprintln(stdout, "Applied migration", name)
	}
	return nil
}

// askToReplace asks on the terminal before the data is replaced. Without a terminal (a
// script, cron) nobody can answer, so it refuses and names --yes.
func askToReplace(stdin io.Reader, stdout io.Writer) error {
	if !isTerminal(stdin) {
		return errors.New("restore replaces the database and the uploads, and there is no terminal to ask: add --yes to do it without being asked")
	}
	answer, err := ask(stdin, stdout, "Replace the current database and uploads with it? [y/N] ")
	if err != nil || (!strings.EqualFold(answer, "y") && !strings.EqualFold(answer, "yes")) {
		return errors.New("nothing was changed")
	}
	return nil
}

// backupApp is the app's data as the configuration says where it is.
func backupApp(ctx context.Context, getenv func(string) string) (backup.App, error) {
	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return backup.App{}, err
	}
	store, err := uploads.New(ctx, cfg)
	if err != nil {
		return backup.App{}, err
	}
	return backup.App{Name: appName, FastoppVersion: "dev", DatabaseURL: cfg.DatabaseURL,
		Store: store, Now: time.Now}, nil
}

// megabytes writes a size for people: 12.3 MB.
func megabytes(size int64) string {
	return fmt.Sprintf("%.1f MB", float64(size)/1e6)
}
