// Package config loads every setting once, at start, from the environment and the .env file.
// To add a setting: add a field to Config, read it in Read, document it in .env.example.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/joho/godotenv"
)

// The two environments. Production turns on the strict checks in Problems.
const (
	Development = "development"
	Production  = "production"
)

// ExampleSecretKey is the placeholder in .env.example. It is public, so production refuses it.
const ExampleSecretKey = "change-me-run-go-run-dot-secrets"

// MinSecretKeyLength is the shortest SECRET_KEY production accepts; `go run . secrets` prints 64.
const MinSecretKeyLength = 32

// defaultDatabaseURL is used when DATABASE_URL is not set: a SQLite file in ./data,
// created on first start.
const defaultDatabaseURL = "sqlite:data/app.db"

// Config holds every setting of the app. Nothing else in the app reads the environment:
// code that needs a setting gets it from here.
type Config struct {
	Environment string // ENVIRONMENT: development (default) or production
	DatabaseURL string // DATABASE_URL
	SecretKey   string // SECRET_KEY: signs sessions and tokens; generate with `go run . secrets`
	Port        string // PORT: where serve listens (default 8000)

	// Warnings are worth telling the developer at start but do not stop the app.
	Warnings []string
}

// IsProduction reports whether the app runs in production, where mistakes must stop it.
func (c Config) IsProduction() bool {
	return c.Environment == Production
}

// Load reads the settings (see Read) and judges them (see Problems). In production the deploy
// rules apply and any error stops the app; in development problems become Warnings, and a
// missing SECRET_KEY is replaced by a random one for this run.
func Load(getenv func(string) string, dotenvPath string) (Config, error) {
	cfg, err := Read(getenv, dotenvPath)
	if err != nil {
		return Config{}, err
	}
	var errs []error
	for _, p := range cfg.Problems(cfg.IsProduction()) {
		if p.Severity == Error {
			errs = append(errs, p)
		} else {
			cfg.Warnings = append(cfg.Warnings, p.Error())
		}
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	if cfg.SecretKey == "" {
		cfg.SecretKey = NewSecretKey()
	}
	return cfg, nil
}

// Read collects the settings without judging them: a real environment variable wins over the
// same name in the .env file at dotenvPath, and a missing file is fine. The check command
// calls Read and Problems separately, to list every problem instead of stopping at them.
func Read(getenv func(string) string, dotenvPath string) (Config, error) {
	dotenv, err := godotenv.Read(dotenvPath)
	if errors.Is(err, fs.ErrNotExist) {
		dotenv = map[string]string{}
	} else if err != nil {
		return Config{}, fmt.Errorf("read %s: %w (each line should look like NAME=value)", dotenvPath, err)
	}
	lookup := func(name, fallback string) string {
		if value := strings.TrimSpace(getenv(name)); value != "" {
			return value
		}
		if value := strings.TrimSpace(dotenv[name]); value != "" {
			return value
		}
		return fallback
	}
	return Config{
		Environment: lookup("ENVIRONMENT", Development),
		DatabaseURL: lookup("DATABASE_URL", defaultDatabaseURL),
		SecretKey:   lookup("SECRET_KEY", ""),
		Port:        lookup("PORT", "8000"),
	}, nil
}

// NewSecretKey returns 32 random bytes from crypto/rand as 64 hex characters.
func NewSecretKey() string {
	key := make([]byte, 32)
	// Since Go 1.24 rand.Read never returns an error: it stops the program rather than hand
	// out weak bytes.
	rand.Read(key)
	return hex.EncodeToString(key)
}
