// Package config loads every setting once, at start, from the environment and the .env file.
// To add a setting: add a field to Config, read it in Read, document it in .env.example.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

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

	// Login and API tokens (internal/auth). Durations are written like 15m, 24h or 720h.
	SessionIdleTimeout     time.Duration // SESSION_IDLE_TIMEOUT: log out after this long without a visit (default 24h)
	SessionLifetime        time.Duration // SESSION_LIFETIME: log out this long after logging in, however busy (default 168h)
	AccessTokenTTL         time.Duration // ACCESS_TOKEN_TTL: how long an API access token (a JWT) works (default 15m)
	RefreshTokenTTL        time.Duration // REFRESH_TOKEN_TTL: how long an API refresh token works (default 720h)
	EmergencyAccessEnabled bool          // EMERGENCY_ACCESS_ENABLED: true allows `go run . emergency-access` links
	ClientIPHeader         string        // CLIENT_IP_HEADER: the header where a trusted proxy puts the visitor's address

	// The AI chat (internal/chat): any OpenAI-compatible API. Without a key it runs in demo mode.
	LLMBaseURL            string        // LLM_BASE_URL: the API's address (default https://openrouter.ai/api/v1)
	LLMAPIKey             string        // OPENROUTER_API_KEY: the API's key; never logged or shown on a page
	LLMModel              string        // OPENROUTER_LLM_MODEL: the LLM that answers (default meta-llama/llama-3.3-70b-instruct:free)
	LLMModels             []string      // OPENROUTER_LLM_MODELS: more LLMs a user may pick, separated by commas
	LLMTimeout            time.Duration // LLM_TIMEOUT: give up when the API is silent this long (default 60s)
	ChatRequestsPerMinute int           // CHAT_REQUESTS_PER_MINUTE: messages one user may send a minute; 0 means no limit (default 10)
	ChatTokensPerDay      int           // CHAT_TOKENS_PER_DAY: tokens one user may use a day (UTC); 0 means no limit (default 100000)
	ChatHistoryTokens     int           // CHAT_HISTORY_TOKENS: at most this many tokens of earlier messages go with a question (default 4000)

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
	// Settings that are not plain text are parsed here; each mistake is collected, so one
	// run reports them all.
	var errs []error
	duration := func(name, fallback string) time.Duration {
		value := lookup(name, fallback)
		d, err := time.ParseDuration(value)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %q is not a duration: write it like 15m, 24h or 720h", name, value))
		}
		return d
	}
	boolean := func(name string) bool {
		value := lookup(name, "false")
		b, err := strconv.ParseBool(value)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %q is not true or false", name, value))
		}
		return b
	}
	count := func(name, fallback string) int {
		value := lookup(name, fallback)
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s %q is not a whole number of 0 or more", name, value))
		}
		return n
	}
	// list splits "a, b,c" into [a b c].
	list := func(name string) []string {
		var items []string
		for item := range strings.SplitSeq(lookup(name, ""), ",") {
			if item = strings.TrimSpace(item); item != "" {
				items = append(items, item)
			}
		}
		return items
	}
	cfg := Config{
		Environment:            lookup("ENVIRONMENT", Development),
		DatabaseURL:            lookup("DATABASE_URL", defaultDatabaseURL),
		SecretKey:              lookup("SECRET_KEY", ""),
		Port:                   lookup("PORT", "8000"),
		SessionIdleTimeout:     duration("SESSION_IDLE_TIMEOUT", "24h"),
		SessionLifetime:        duration("SESSION_LIFETIME", "168h"),
		AccessTokenTTL:         duration("ACCESS_TOKEN_TTL", "15m"),
		RefreshTokenTTL:        duration("REFRESH_TOKEN_TTL", "720h"),
		EmergencyAccessEnabled: boolean("EMERGENCY_ACCESS_ENABLED"),
		ClientIPHeader:         lookup("CLIENT_IP_HEADER", ""),
		LLMBaseURL:             lookup("LLM_BASE_URL", "https://openrouter.ai/api/v1"),
		LLMAPIKey:              lookup("OPENROUTER_API_KEY", ""),
		LLMModel:               lookup("OPENROUTER_LLM_MODEL", "meta-llama/llama-3.3-70b-instruct:free"),
		LLMModels:              list("OPENROUTER_LLM_MODELS"),
		LLMTimeout:             duration("LLM_TIMEOUT", "60s"),
		ChatRequestsPerMinute:  count("CHAT_REQUESTS_PER_MINUTE", "10"),
		ChatTokensPerDay:       count("CHAT_TOKENS_PER_DAY", "100000"),
		ChatHistoryTokens:      count("CHAT_HISTORY_TOKENS", "4000"),
	}
	return cfg, errors.Join(errs...)
}

// NewSecretKey returns 32 random bytes from crypto/rand as 64 hex characters.
func NewSecretKey() string {
	key := make([]byte, 32)
	// Since Go 1.24 rand.Read never returns an error: it stops the program rather than hand
	// out weak bytes.
	rand.Read(key)
	return hex.EncodeToString(key)
}
