// Command fastopp scaffolds complete, tested Go web apps for students.
// Each subcommand parses its flags into an options struct and calls a plain function.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Set by the release build (goreleaser.yaml) through -ldflags.
var (
	version = "dev"
	commit  = "none"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == sqlcCommand {
		os.Exit(runSQLC(os.Args[2:]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(environment{
		interactive: term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd())),
	})
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

// environment is what a command may know about how it was started; tests set it.
type environment struct {
	interactive bool             // stdin and stdout are a terminal, so forms may ask questions
	now         func() time.Time // the clock that dates migrations; nil means the real one
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
