// Command myapp is the web app and its management commands (like Django's manage.py).
// To add a command, write a runXxx function in a cmd_xxx.go file and add it to commands below.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	// Ctrl+C (SIGINT) and `docker stop` (SIGTERM) cancel ctx, so the server can shut down cleanly.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

// command is one management command: `go run . <name> [arguments]`.
type command struct {
	name    string
	usage   string
	summary string
	run     func(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error
}

// commands lists every management command. It is a function, not a global, so nothing runs
// before main does.
func commands() []command {
	return []command{
		{"serve", "serve [--addr HOST:PORT]", "run the web server (default :8000, or :$PORT)", runServe},
		{"migrate", "migrate up|down|status|create NAME", "apply, roll back, list or create database migrations", runMigrate},
		{"createsuperuser", "createsuperuser [--email E] [--password-stdin]", "create a superuser (asks for what is missing)", runCreateSuperuser},
		{"users", "users list|create|set-role|activate|deactivate", "list and manage users (`go run . users` for details)", runUsers},
		{"changepassword", "changepassword EMAIL [--password-stdin]", "set a user's password", runChangePassword},
		{"emergency-access", "emergency-access", "print a one-time link to reset a password (EMERGENCY_ACCESS_ENABLED)", runEmergencyAccess},
		{"uploads", "uploads clean [--delete]", "list (or delete) stored files that no record names", runUploads},
		{"documents", "documents add FILE...|list|delete ID|reindex", "add, list, delete and re-embed the documents of search and the chat", runDocuments},
		{"backup", "backup [--out FILE|FOLDER/] [--keep N]", "write the database and the uploads into one archive (in backups/)", runBackup},
		{"restore", "restore FILE [--yes]", "put back a backup: the database and the uploads", runRestore},
		{"demo", "demo load|reset [--force]", "add the demo's sample data (reset: remove exactly it)", runDemo},
		{"secrets", "secrets", "print a new random SECRET_KEY", runSecrets},
		{"check", "check [--deploy]", "report configuration problems (--deploy: also production ones)", runCheck},
	}
}

// run is the whole program. It takes the outside world as arguments instead of reading it
// directly, so tests can call it with their own arguments, environment, input and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) < 2 || args[1] == "help" || args[1] == "-h" || args[1] == "--help" {
		printUsage(stdout)
		return nil
	}
	name := args[1]
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd.run(ctx, args[2:], getenv, stdin, stdout, stderr)
		}
	}
	return fmt.Errorf("unknown command %q; the commands are: %s (run `go run . help` for details)",
		name, strings.Join(commandNames(), ", "))
}

func commandNames() []string {
	var names []string
	for _, cmd := range commands() {
		names = append(names, cmd.name)
	}
	return names
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: go run . <command> [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	width := 0 // of the longest usage, so the summaries line up
	for _, cmd := range commands() {
		width = max(width, len(cmd.usage))
	}
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-*s  %s\n", width, cmd.usage, cmd.summary)
	}
}
