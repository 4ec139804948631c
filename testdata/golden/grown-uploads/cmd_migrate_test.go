// Tests for the migrate command: status, up and down through run(), and the files create writes.

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"myapp/internal/database"
	"myapp/internal/testutil"
)

func TestMigrateStatusUpDown(t *testing.T) {
	getenv := env(map[string]string{"DATABASE_URL": testutil.DatabaseURL(t)})
	// Every migration file, oldest first: up applies them all, and each down undoes the newest.
	files, err := os.ReadDir(database.MigrationsDir)
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		args []string
		want string
	}
	steps := []step{
		{[]string{"migrate", "status"}, "pending"},
		{[]string{"migrate", "up"}, "OK    up " + files[0].Name()},
		{[]string{"migrate", "up"}, "Nothing to apply"},
		{[]string{"migrate", "status"}, "applied"},
	}
	for i := len(files) - 1; i >= 0; i-- {
		steps = append(steps, step{[]string{"migrate", "down"}, "OK    down " + files[i].Name()})
	}
	steps = append(steps, step{[]string{"migrate", "down"}, "Nothing to roll back"})
	for _, step := range steps {
		stdout, _, err := runCommand(t, t.Context(), getenv, step.args...)
		if err != nil {
			t.Fatalf("%v: %v", step.args, err)
		}
		if !strings.Contains(stdout, step.want) {
			t.Fatalf("%v printed %q, want it to contain %q", step.args, stdout, step.want)
		}
	}
}

func TestMigrateCreate(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	var out bytes.Buffer
	if err := createMigration(&out, dir, "Add tags", now); err != nil {
		t.Fatalf("createMigration: %v", err)
	}
	content, err := os.ReadFile(filepath.Join(dir, "20300102030405_add_tags.sql"))
	if err != nil {
		t.Fatalf("migration file not written: %v", err)
	}
	for _, want := range []string{"-- +goose Up", "-- +goose Down"} {
		if !strings.Contains(string(content), want) {
			t.Errorf("migration file lacks %q", want)
		}
	}
	if !strings.Contains(out.String(), "go run . migrate up") {
		t.Errorf("output does not say what to do next:\n%s", out.String())
	}

	if err := createMigration(&out, dir, "add_tags", now); err == nil {
		t.Error("creating the same file twice must fail, not overwrite it")
	}
	for _, bad := range []string{"1st", "drop;table", "../escape", ""} {
		if err := createMigration(&out, dir, bad, now); err == nil || !strings.Contains(err.Error(), "add_tags") {
			t.Errorf("name %q: want an error with an example name, got %v", bad, err)
		}
	}
}

func TestMigrateRejectsAnUnknownAction(t *testing.T) {
	for _, command := range []string{"migrate", "migrate sideways", "migrate up extra", "migrate create"} {
		_, _, err := runCommand(t, t.Context(), env(nil), strings.Fields(command)...)
		if err == nil || !strings.Contains(err.Error(), "go run . migrate") {
			t.Errorf("%s: want an error showing the usage, got %v", command, err)
		}
	}
}
