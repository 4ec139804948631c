// Helpers shared by the user and emergency-access commands: opening the database for the
// auth service, flags mixed with arguments, and reading passwords safely.

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
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
	db, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	if _, err := database.Migrate(ctx, db); err != nil {
		db.Close()
		return nil, nil, err
	}
	return auth.NewService(cfg, db, newLogger(cfg, stderr)), func() { db.Close() }, nil
}

// parseFlags parses flags that come before, between or after the other arguments
// (`users create ada@example.com --role staff`) and returns those other arguments.
func parseFlags(flags *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		if flags.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, flags.Arg(0))
		args = flags.Args()[1:]
	}
}

// isTerminal reports whether in is a terminal, where a person can answer questions.
func isTerminal(in io.Reader) bool {
	file, ok := in.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// ask prints question and returns the line typed in answer.
func ask(stdin io.Reader, stdout io.Writer, question string) (string, error) {
	fmt.Fprint(stdout, question)
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no answer: %w", err)
	}
	return strings.TrimSpace(line), nil
}

// readPassword returns a new password: all of stdin with --password-stdin (a final newline
// removed), or typed twice, hidden, on a terminal. A password is never a command-line
// argument, where other users of the machine and the shell history could read it.
func readPassword(stdin io.Reader, stdout io.Writer, fromStdin bool) (string, error) {
	if fromStdin {
		data, err := io.ReadAll(io.LimitReader(stdin, 4<<10))
		if err != nil {
			return "", fmt.Errorf("read the password from standard input: %w", err)
		}
		return strings.TrimRight(string(data), "\r\n"), nil
	}
	if !isTerminal(stdin) {
		return "", errors.New("no password: add --password-stdin and pipe it in, for example: printf '%s' \"$PASSWORD\" | go run . changepassword EMAIL --password-stdin")
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
