// The emergency-access command prints a one-time link that sets a password or creates a
// superuser, for when nobody can log in. It works only with EMERGENCY_ACCESS_ENABLED=true.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"myapp/internal/auth"
	"myapp/internal/config"
)

func runEmergencyAccess(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return errors.New("emergency-access takes no arguments: run `EMERGENCY_ACCESS_ENABLED=true go run . emergency-access`")
	}
	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return err
	}
	if !cfg.EmergencyAccessEnabled {
		return auth.ErrEmergencyAccessOff
	}
	accounts, closeDB, err := openAccounts(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	token, err := accounts.CreateEmergencyToken(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Emergency access link; it works once, for the next %d minutes:\n\n"+
		"  http://localhost:%s/emergency-access?token=%s\n\n"+
		"On a server, replace http://localhost:%s with the site's address. The server must also run with\n"+
		"EMERGENCY_ACCESS_ENABLED=true; set it back to false when you are done.\n",
		int(auth.EmergencyLinkTTL.Minutes()), cfg.Port, token, cfg.Port)
	return nil
}
