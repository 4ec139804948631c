// Tests for `documents add|list|delete`: files are added as the first superuser (or --owner),
// listed with their status, and deleted with their chunks; mistakes say what to do.

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"myapp/internal/testutil"
)

func TestDocumentsCommand(t *testing.T) {
	dir := t.TempDir()
	values := map[string]string{"DATABASE_URL": testutil.DatabaseURL(t), "UPLOAD_DIR": filepath.Join(dir, "uploads")}
	guide := filepath.Join(dir, "guide.md")
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(guide, []byte("# Guide\n\nHow to start.\n\n## More\n\nAnd then."), 0o600)
	os.WriteFile(notes, []byte("Plain notes."), 0o600)

	if _, _, err := runCommand(t, t.Context(), env(values), "documents", "add", guide); err == nil || !strings.Contains(err.Error(), "createsuperuser") {
		t.Fatalf("add without any superuser: %v, want a hint to create one", err)
	}
	if _, err := runWithInput(t, env(values), "correct horse battery\n", "createsuperuser", "--email", "root@example.com", "--password-stdin"); err != nil {
		t.Fatal(err)
	}

	stdout, _, err := runCommand(t, t.Context(), env(values), "documents", "add", "--no-wait", guide, notes) // serve would embed them
	if err != nil || !strings.Contains(stdout, `"guide": 2 chunks, pending`) || !strings.Contains(stdout, `"notes": 1 chunks`) {
		t.Fatalf("add: %v\n%s", err, stdout)
	}
	stdout, _, err = runCommand(t, t.Context(), env(values), "documents", "list")
	if err != nil || !strings.Contains(stdout, "root@example.com") || !strings.Contains(stdout, "pending (0%)") || !strings.Contains(stdout, "guide") {
		t.Fatalf("list: %v\n%s", err, stdout)
	}
	if stdout, _, err = runCommand(t, t.Context(), env(values), "documents", "delete", "1"); err != nil || !strings.Contains(stdout, "deleted document 1") {
		t.Fatalf("delete: %v\n%s", err, stdout)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"documents"}, "usage"},
		{[]string{"documents", "frobnicate"}, "unknown subcommand"},
		{[]string{"documents", "add"}, "name the files"},
		{[]string{"documents", "add", guide, notes, "--title", "T"}, "--title names one document"},
		{[]string{"documents", "add", filepath.Join(dir, "missing.md")}, "missing.md"},
		{[]string{"documents", "add", guide, "--owner", "nobody@example.com"}, "no user has the email"},
		{[]string{"documents", "delete", "1"}, "no document has the id 1"},
		{[]string{"documents", "delete", "one"}, "not a document id"},
	} {
		if _, _, err := runCommand(t, t.Context(), env(values), tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want an error mentioning %q", tt.args, err, tt.want)
		}
	}
}
