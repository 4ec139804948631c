// Command fastopp scaffolds complete, tested Go web apps for students.
// Each subcommand parses its flags into an options struct and calls a plain function.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/fastopp/fastopp/generator"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Set by the release build (goreleaser.yaml) through -ldflags.
var (
	version = "dev"
	commit  = "none"
)

func main() {
	if code, ok := runHidden(os.Args[1:]); ok {
		os.Exit(code)
	}
	os.Exit(run(os.Args[1:]))
}

// runHidden runs the commands fastopp starts itself as (sqlc, and the supervisor of the
// programs it runs); ok is false for every other command line.
func runHidden(args []string) (code int, ok bool) {
	switch {
	case len(args) > 0 && args[0] == sqlcCommand:
		return runSQLC(args[1:]), true
	case len(args) > 0 && args[0] == generator.SuperviseCommand:
		return generator.Supervise(args[1:]), true
	}
	return 0, false
}

// run is the fastopp command line; it returns the exit code. Ctrl-C (SIGTERM, SIGHUP) ends the
// command's context: the command stops its programs, removes its staging folder and returns
// generator.ErrInterrupted; the exit code is then 128 + the signal's number (130 for Ctrl-C).
func run(args []string) int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP) // SIGHUP: the terminal was closed
	go func() {
		sig := <-signals
		signal.Stop(signals) // a second Ctrl-C ends fastopp at once; its programs die with it
		cancel(interruption{sig})
	}()
	stdoutIsTerminal := term.IsTerminal(int(os.Stdout.Fd()))
	width, _, _ := term.GetSize(int(os.Stdout.Fd())) // 0 when it is not a terminal
	root := newRootCmd(environment{
		interactive: term.IsTerminal(int(os.Stdin.Fd())) && stdoutIsTerminal,
		live:        liveProgress(stdoutIsTerminal, os.Getenv),
		width:       width,
	})
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var sig interruption
	switch {
	case err == nil:
		return 0
	case errors.As(context.Cause(ctx), &sig):
		if errors.Is(err, generator.ErrInterrupted) {
			fmt.Fprintln(os.Stderr, "fastopp: interrupted; nothing was written")
		} else {
			fmt.Fprintln(os.Stderr, "fastopp: interrupted:", err)
		}
		if number, ok := sig.signal.(syscall.Signal); ok {
			return 128 + int(number)
		}
	default:
		fmt.Fprintln(os.Stderr, "Error:", err)
	}
	return 1
}

// interruption is the cause of a command's end when a signal stopped it.
type interruption struct{ signal os.Signal }

func (i interruption) Error() string { return "stopped by " + i.signal.String() }

// tools are the programs new and add run: sqlc in a child fastopp, and every program under a
// fastopp supervisor, so that it dies with this fastopp. Each step shows on stdout while it
// runs; notes go to log.
func tools(env environment, stdout, log io.Writer) generator.Tools {
	self, _ := os.Executable() // "" (no supervisor) if it cannot be found
	return generator.Tools{SQLC: generateQueries, Log: log, Supervisor: self,
		Progress: generator.Progress{Out: stdout, Live: env.live, Width: env.width}}
}

// environment is what a command may know about how it was started; tests set it.
type environment struct {
	interactive bool             // stdin and stdout are a terminal, so forms may ask questions
	live        bool             // stdout is a terminal that may be redrawn (see liveProgress)
	width       int              // the terminal's width in characters; 0 if unknown
	now         func() time.Time // the clock that dates migrations; nil means the real one
}

// liveProgress reports whether the steps of a run may show as a redrawn line with a spinner:
// only on a terminal, and not when the user asked for plain output (NO_COLOR, see
// https://no-color.org, or a terminal that cannot move its cursor, TERM=dumb).
func liveProgress(stdoutIsTerminal bool, getenv func(string) string) bool {
	return stdoutIsTerminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

func newRootCmd(env environment) *cobra.Command {
	root := &cobra.Command{
		Use:           "fastopp",
		Short:         "Scaffold complete, tested Go web apps with auth, admin and AI chat",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newNewCmd(env), newAddCmd(env), newVersionCmd())
	return root
}
