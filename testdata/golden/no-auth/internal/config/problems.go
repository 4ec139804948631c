// Problems finds mistakes in a Config and says how to fix each one. The check command prints
// them; Load refuses to start production with any error. Add a rule here for a new setting.

package config

import (
	"fmt"
	"strconv"
)

// Severity says whether a problem stops the app (Error) or is only worth knowing (Warning).
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Problem is one thing wrong with the configuration, and what to do about it.
type Problem struct {
	Severity Severity
	Setting  string // the environment variable at fault
	Message  string // what is wrong
	Fix      string // what to do next
}

// Error lets a Problem be returned as an error.
func (p Problem) Error() string {
	return fmt.Sprintf("%s %s. %s", p.Setting, p.Message, p.Fix)
}

// Problems lists what is wrong with c. With deploy set it also applies the production rules:
// running in production with a strong, private SECRET_KEY.
func (c Config) Problems(deploy bool) []Problem {
	var problems []Problem
	add := func(severity Severity, setting, message, fix string) {
		problems = append(problems, Problem{severity, setting, message, fix})
	}

	if c.Environment != Development && c.Environment != Production {
		add(Error, "ENVIRONMENT", fmt.Sprintf("%q is not a known environment", c.Environment),
			"Set ENVIRONMENT=development on your computer or ENVIRONMENT=production on a server")
	}
	if port, err := strconv.Atoi(c.Port); err != nil || port < 1 || port > 65535 {
		add(Error, "PORT", fmt.Sprintf("%q is not a port number", c.Port),
			"Set PORT to a number between 1 and 65535, for example PORT=8000")
	}

	// Outside deploy checks a weak key is only a warning: development may use anything.
	keySeverity := Warning
	if deploy {
		keySeverity = Error
		if c.Environment != Production {
			add(Error, "ENVIRONMENT", fmt.Sprintf("is %q, not production", c.Environment),
				"Set ENVIRONMENT=production on the server (fly.toml and the Dockerfile already do)")
		}
	}
	const runSecrets = "Run `go run . secrets` and set SECRET_KEY to what it prints"
	switch {
	case c.SecretKey == "" && deploy:
		add(Error, "SECRET_KEY", "is not set", runSecrets)
	case c.SecretKey == "":
		add(Warning, "SECRET_KEY", "is not set, so a random key is used and sessions end when the server stops", runSecrets)
	case c.SecretKey == ExampleSecretKey:
		add(keySeverity, "SECRET_KEY", "is the example value from .env.example, which everyone can read", runSecrets)
	case len(c.SecretKey) < MinSecretKeyLength:
		add(keySeverity, "SECRET_KEY", fmt.Sprintf("is %d characters, shorter than the %d needed to be hard to guess",
			len(c.SecretKey), MinSecretKeyLength), runSecrets)
	case guessBits(c.SecretKey) < MinSecretKeyBits: // secret.go
		add(keySeverity, "SECRET_KEY", fmt.Sprintf("is easy to guess however long it is: it repeats itself, uses few different characters "+
			"or follows a sequence (about %.0f bits of randomness, %d needed)", guessBits(c.SecretKey), MinSecretKeyBits), runSecrets)
	}
	return problems
}
