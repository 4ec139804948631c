// Helpers the commands share to read what they are given: flags mixed with other arguments,
// and questions asked on the terminal (restore asks before it replaces the data; the user
// commands ask for what was not given as a flag).

package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

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
