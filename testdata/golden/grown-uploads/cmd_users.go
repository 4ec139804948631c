// The user commands: createsuperuser, users (list, create, set-role, activate, deactivate)
// and changepassword. They ask for passwords on a terminal; scripts pipe them in with
// --password-stdin. Add a subcommand to usersUsage and the switch in runUsers.

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"myapp/internal/auth"
)

func runCreateSuperuser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("createsuperuser", flag.ContinueOnError)
	flags.SetOutput(stderr)
	email := flags.String("email", "", "the superuser's email (asked for on a terminal)")
	passwordStdin := flags.Bool("password-stdin", false, "read the password from standard input, for scripts")
	rest, err := parseFlags(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(rest) > 0 {
		return errors.New("usage: go run . createsuperuser [--email EMAIL] [--password-stdin]")
	}
	if *email == "" {
		if !isTerminal(stdin) || *passwordStdin {
			return errors.New("--email is missing: go run . createsuperuser --email you@example.com --password-stdin < password.txt")
		}
		if *email, err = ask(stdin, stdout, "Email: "); err != nil {
			return err
		}
	}
	return createUser(ctx, getenv, stdin, stdout, stderr, *email, auth.RoleSuperuser, *passwordStdin, "createsuperuser --email "+*email)
}

// createUser asks for (or reads) a password and creates the user. command is the command
// that runs it, for the error that says how to pipe the password in.
func createUser(ctx context.Context, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer,
	email string, role auth.Role, passwordStdin bool, command string) error {
	accounts, closeDB, err := openAccounts(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	// Check the email before asking for a password, so nobody types one for nothing.
	if _, err := accounts.UserByEmail(ctx, email); err == nil {
		return fmt.Errorf("%w: %s (to set its password: go run . changepassword %s)", auth.ErrEmailTaken, auth.NormalizeEmail(email), auth.NormalizeEmail(email))
	}
	password, err := readPassword(stdin, stdout, passwordStdin, command)
	if err != nil {
		return err
	}
	user, err := accounts.CreateUser(ctx, email, password, role)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s %s.\n", role, user.Email)
	return nil
}

const usersUsage = `usage:
  go run . users list
  go run . users create EMAIL [--role user|staff|superuser] [--password-stdin]
  go run . users set-role EMAIL user|staff|superuser
  go run . users activate EMAIL
  go run . users deactivate EMAIL`

func runUsers(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("users", flag.ContinueOnError)
	flags.SetOutput(stderr)
	role := flags.String("role", string(auth.RoleUser), "for create: user, staff or superuser")
	passwordStdin := flags.Bool("password-stdin", false, "for create: read the password from standard input")
	rest, err := parseFlags(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	wantArgs := map[string]int{"list": 1, "create": 2, "set-role": 3, "activate": 2, "deactivate": 2}
	if len(rest) == 0 || wantArgs[rest[0]] != len(rest) {
		return errors.New(usersUsage)
	}

	if rest[0] == "create" {
		parsed, err := auth.ParseRole(*role)
		if err != nil {
			return err
		}
		command := "users create " + rest[1]
		if parsed != auth.RoleUser {
			command += " --role " + string(parsed)
		}
		return createUser(ctx, getenv, stdin, stdout, stderr, rest[1], parsed, *passwordStdin, command)
	}
	accounts, closeDB, err := openAccounts(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	switch rest[0] {
	case "list":
		return listUsers(ctx, accounts, stdout)
	case "set-role":
		parsed, err := auth.ParseRole(rest[2])
		if err != nil {
			return err
		}
		if err := accounts.SetRole(ctx, rest[1], parsed); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s is now %s.\n", auth.NormalizeEmail(rest[1]), parsed)
	case "activate", "deactivate":
		if err := accounts.SetActive(ctx, rest[1], rest[0] == "activate"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s is %sd.\n", auth.NormalizeEmail(rest[1]), rest[0])
	}
	return nil
}

func listUsers(ctx context.Context, accounts *auth.Service, stdout io.Writer) error {
	users, err := accounts.ListUsers(ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(stdout, "No users yet: go run . createsuperuser")
		return nil
	}
	table := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(table, "EMAIL\tROLE\tACTIVE\tLAST LOGIN")
	for _, user := range users {
		active, lastLogin := "yes", "never"
		if !user.IsActive {
			active = "no"
		}
		if user.LastLoginAt.Valid {
			lastLogin = user.LastLoginAt.Time.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(table, "%s\t%s\t%s\t%s\n", user.Email, auth.RoleOf(user), active, lastLogin)
	}
	return table.Flush()
}

func runChangePassword(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("changepassword", flag.ContinueOnError)
	flags.SetOutput(stderr)
	passwordStdin := flags.Bool("password-stdin", false, "read the new password from standard input, for scripts")
	rest, err := parseFlags(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(rest) != 1 {
		return errors.New("usage: go run . changepassword EMAIL [--password-stdin]")
	}
	accounts, closeDB, err := openAccounts(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	user, err := accounts.UserByEmail(ctx, rest[0])
	if err != nil {
		return fmt.Errorf("%w (see them all with: go run . users list)", err)
	}
	password, err := readPassword(stdin, stdout, *passwordStdin, "changepassword "+rest[0])
	if err != nil {
		return err
	}
	if err := accounts.SetPassword(ctx, user.ID, password); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Changed the password of %s; they are logged out everywhere else.\n", user.Email)
	return nil
}
