// PostgreSQL only: backup and restore need PostgreSQL's client tools. Without them the tests
// are skipped on a developer's machine, but fail in CI, where skipping would hide them; and the
// commands say how to install them.

package backup_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"myapp/internal/uploads"
)

// needTools skips the test when pg_dump, pg_restore or psql is missing, except in CI.
func needTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pg_dump", "pg_restore", "psql"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed: CI must install PostgreSQL's client tools (apt install postgresql-client)", tool)
			}
			t.Skipf("%s is not installed: install PostgreSQL's client tools to test backups", tool)
		}
	}
}

func TestBackupWithoutPgDumpSaysHowToInstallIt(t *testing.T) {
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, store)
	t.Setenv("PATH", t.TempDir()) // a PATH with nothing in it
	_, err = f.app.Create(t.Context(), new(strings.Builder))
	if err == nil || !strings.Contains(err.Error(), "pg_dump is not installed") || !strings.Contains(err.Error(), "postgresql-client") {
		t.Errorf("backup without pg_dump: %v, want how to install it", err)
	}
}
