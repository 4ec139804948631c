// The secrets command prints a new random SECRET_KEY. Put it in .env for development, or in
// your host's secret settings for production (for fly.io: fly secrets set SECRET_KEY=...).

package main

import (
	"context"
	"fmt"
	"io"

	"myapp/internal/config"
)

func runSecrets(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("secrets takes no arguments: run `go run . secrets`")
	}
	fmt.Fprintln(stdout, config.NewSecretKey())
	return nil
}
