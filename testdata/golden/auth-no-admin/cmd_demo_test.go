// Tests for `demo load` and `demo reset` as a student runs them: what they print, and the
// refusal to load sample data in production without --force.

package main

import (
	"strings"
	"testing"

	"myapp/internal/config"
	"myapp/internal/testutil"
)

func TestDemoLoadPrintsWhatItDidAndResetUndoesIt(t *testing.T) {
	values := map[string]string{"DATABASE_URL": testutil.DatabaseURL(t), "UPLOAD_DIR": t.TempDir()}
	stdout, _, err := runCommand(t, t.Context(), env(values), "demo", "load")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"products:", "20 added", "registrant photos:", "Done in", "marketing@demo.example.com", "shown only this once"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo load does not say %q:\n%s", want, stdout)
		}
	}
	// The photos are stored and recorded as any upload: `uploads clean` finds nothing to clean.
	if stdout, _, err = runCommand(t, t.Context(), env(values), "uploads", "clean", "--older-than", "0s"); err != nil || !strings.Contains(stdout, "No stored file is unused") {
		t.Errorf("uploads clean after demo load: %v\n%s", err, stdout)
	}
	if stdout, _, err = runCommand(t, t.Context(), env(values), "demo", "load"); err != nil || !strings.Contains(stdout, "0 added,  20 already there") {
		t.Errorf("a second demo load: %v\n%s", err, stdout)
	}
	if stdout, _, err = runCommand(t, t.Context(), env(values), "demo", "reset"); err != nil || !strings.Contains(stdout, "20 removed") {
		t.Errorf("demo reset: %v\n%s", err, stdout)
	}
}

func TestDemoLoadRefusesProductionWithoutForce(t *testing.T) {
	values := map[string]string{
		"DATABASE_URL": testutil.DatabaseURL(t), "UPLOAD_DIR": t.TempDir(),
		"ENVIRONMENT": "production", "SECRET_KEY": config.NewSecretKey(),
	}
	_, _, err := runCommand(t, t.Context(), env(values), "demo", "load")
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("demo load in production: %v, want a refusal that names --force", err)
	}
	stdout, _, err := runCommand(t, t.Context(), env(values), "demo", "load", "--force")
	if err != nil || !strings.Contains(stdout, "20 added") {
		t.Errorf("demo load --force in production: %v\n%s", err, stdout)
	}
}

func TestDemoUsage(t *testing.T) {
	for _, args := range [][]string{{"demo"}, {"demo", "unload"}, {"demo", "load", "extra"}} {
		if _, _, err := runCommand(t, t.Context(), env(nil), args...); err == nil || !strings.Contains(err.Error(), "usage") {
			t.Errorf("%v: %v, want the usage", args, err)
		}
	}
}
