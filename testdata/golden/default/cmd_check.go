// The check command lists configuration problems and how to fix each. With --deploy it also
// applies the production rules; run it on the server (or with its settings) before going live.

package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/uploads"
)

func runCheck(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("check", flag.ContinueOnError)
	flags.SetOutput(stderr)
	deploy := flags.Bool("deploy", false, "also check what production needs")
	if err := flags.Parse(args); err != nil {
		return ignoreHelp(err)
	}

	// Read, not Load: Load refuses a production configuration with errors; check lists them.
	cfg, err := config.Read(getenv, ".env")
	if err != nil {
		return err
	}
	problems := cfg.Problems(*deploy)
	if *deploy {
		if db, err := database.Open(ctx, cfg.DatabaseURL); err != nil {
			problems = append(problems, config.Problem{
				Severity: config.Error,
				Setting:  "DATABASE_URL",
				Message:  "does not lead to a working database: " + err.Error(),
				Fix:      "Check DATABASE_URL and that the database server is running",
			})
		} else {
			db.Close()
		}
	}
	if *deploy && cfg.UploadsOffTheVolume() {
		problems = append(problems, config.Problem{
			Severity: config.Error,
			Setting:  "UPLOAD_DIR",
			Message:  fmt.Sprintf("is %q, outside the /data volume, so uploads would be lost at the next deploy", cfg.UploadDir),
			Fix:      "Set UPLOAD_DIR=/data/uploads (fly.toml and the Dockerfile do), or STORAGE_TYPE=s3 to keep files in a bucket",
		})
	}
	// Reach the uploads' folder or bucket too, once its settings are complete.
	if *deploy && cfg.StorageType != config.StorageNone && len(problems) == 0 {
		if _, err := uploads.New(ctx, cfg); err != nil {
			problems = append(problems, config.Problem{
				Severity: config.Error,
				Setting:  "STORAGE_TYPE",
				Message:  "is " + cfg.StorageType + ", but its storage does not work: " + err.Error(),
				Fix:      "Check UPLOAD_DIR, or the S3_* settings and that the bucket exists",
			})
		}
	}

	errorCount := 0
	for _, p := range problems {
		fmt.Fprintf(stdout, "%-7s  %s %s\n         fix: %s\n", p.Severity, p.Setting, p.Message, p.Fix)
		if p.Severity == config.Error {
			errorCount++
		}
	}
	if errorCount > 0 {
		return fmt.Errorf("%d configuration error(s): fix them, then run the check again", errorCount)
	}
	fmt.Fprintf(stdout, "No errors found (environment: %s).\n", cfg.Environment)
	return nil
}
