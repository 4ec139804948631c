// Helpers shared by the user and emergency-access commands: opening the database for the
// auth service, reading passwords safely, and the box in which serve shows the development
// superuser's password. Flags mixed with arguments and questions are in cmd_args.go.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/database"
)

// openAccounts loads the configuration, opens and migrates the database, and returns the
// auth service. Call closeDB when done.
func openAccounts(ctx context.Context, getenv func(string) string, stderr io.Writer) (accounts *auth.Service, closeDB func(), err error) {
	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return nil, nil, err
	}
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	accounts = auth.NewService(cfg, db, database.NewStatements(db), newLogger(cfg, stderr))
	return accounts, func() { db.Close() }, nil
}

// readPassword returns a new password: all of stdin with --password-stdin (a final newline
// removed), or typed twice, hidden, on a terminal. A password is never a command-line
// argument, where other users of the machine and the shell history could read it. command is
// the command being run, without `go run .` and --password-stdin ("users create EMAIL"), so
// that the error shows the same command with the password piped in.
func readPassword(stdin io.Reader, stdout io.Writer, fromStdin bool, command string) (string, error) {
	if fromStdin {
		data, err := io.ReadAll(io.LimitReader(stdin, 4<<10))
		if err != nil {
			return "", fmt.Errorf("read the password from standard input: %w", err)
		}
		return strings.TrimRight(string(data), "\r\n"), nil
	}
	if !isTerminal(stdin) {
		return "", fmt.Errorf("no password: on a terminal this command asks for one; elsewhere add --password-stdin and pipe it in: printf '%%s' \"$PASSWORD\" | go run . %s --password-stdin", command)
	}
	fd := int(stdin.(*os.File).Fd())
	fmt.Fprintf(stdout, "Password (at least %d characters, not shown): ", auth.MinPasswordLength)
	first, err := term.ReadPassword(fd)
	fmt.Fprintln(stdout)
	if err != nil {
		return "", err
	}
	if err := auth.CheckPasswordRules(string(first)); err != nil {
		return "", err
	}
	fmt.Fprint(stdout, "Password again: ")
	second, err := term.ReadPassword(fd)
	fmt.Fprintln(stdout)
	if err != nil {
		return "", err
	}
	if string(first) != string(second) {
		return "", errors.New("the two passwords are not the same: run the command again")
	}
	return string(first), nil
}

// printLoginBox shows how to log in as the development superuser that serve has just created,
// in a box that stands out from the log lines around it: the password is shown only this once.
func printLoginBox(w io.Writer, url, email, password string) {
	lines := []string{
		"Log in at " + url + "/login",
		"",
		"  email:     " + email,
		"  password:  " + password,
		"",
		"This development superuser's password is shown only this once.",
		"To choose your own: go run . changepassword " + email,
	}
	width := 0
	for _, line := range lines {
		width = max(width, len(line))
	}
	border := "+" + strings.Repeat("-", width+4) + "+"
	fmt.Fprintln(w, border)
	for _, line := range lines {
		fmt.Fprintf(w, "|  %-*s  |\n", width, line)
	}
	fmt.Fprintln(w, border)
}
