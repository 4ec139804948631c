// Tests for loading and checking the configuration. Add a case when you add a setting.

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeDotenv writes a .env file with content into a temporary directory and returns its path.
func writeDotenv(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoad(t *testing.T) {
	strongKey := NewSecretKey()
	tests := []struct {
		name    string
		env     map[string]string
		dotenv  string
		check   func(t *testing.T, cfg Config)
		wantErr []string // parts of the error message; nil means no error
	}{
		{
			name: "defaults",
			check: func(t *testing.T, cfg Config) {
				if cfg.Environment != Development || cfg.Port != "8000" || cfg.DatabaseURL != defaultDatabaseURL {
					t.Errorf("got %+v, want development, port 8000, %s", cfg, defaultDatabaseURL)
				}
			},
		},
		{
			name:   ".env fills in what the environment does not set",
			env:    map[string]string{"PORT": "9000"},
			dotenv: "PORT=7000\nENVIRONMENT=production\nSECRET_KEY=" + strongKey + "\n",
			check: func(t *testing.T, cfg Config) {
				if cfg.Port != "9000" {
					t.Errorf("Port = %q, want the real environment's 9000", cfg.Port)
				}
				if cfg.Environment != Production {
					t.Errorf("Environment = %q, want the .env value", cfg.Environment)
				}
			},
		},
		{
			name: "development without a key gets a random one and a warning",
			check: func(t *testing.T, cfg Config) {
				if len(cfg.SecretKey) != 64 {
					t.Errorf("SecretKey = %q, want 64 random hex characters", cfg.SecretKey)
				}
				if len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], "go run . secrets") {
					t.Errorf("Warnings = %q, want one telling to run `go run . secrets`", cfg.Warnings)
				}
			},
		},
		{
			name: "production with a strong key",
			env:  map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strongKey},
			check: func(t *testing.T, cfg Config) {
				if !cfg.IsProduction() || cfg.SecretKey != strongKey || len(cfg.Warnings) != 0 {
					t.Errorf("got %+v, want production with the given key and no warnings", cfg)
				}
			},
		},
		{
			name:    "production without a key",
			env:     map[string]string{"ENVIRONMENT": "production"},
			wantErr: []string{"SECRET_KEY", "go run . secrets"},
		},
		{
			name:    "production with the example key",
			env:     map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": ExampleSecretKey},
			wantErr: []string{"SECRET_KEY", "example", "go run . secrets"},
		},
		{
			name:    "production with a short key",
			env:     map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strongKey[:MinSecretKeyLength-1]},
			wantErr: []string{"SECRET_KEY", "shorter", "go run . secrets"},
		},
		{
			name:    "unknown environment",
			env:     map[string]string{"ENVIRONMENT": "prod"},
			wantErr: []string{"ENVIRONMENT", `"prod"`, "production"},
		},
		{
			name:    "bad port",
			env:     map[string]string{"PORT": "eighty"},
			wantErr: []string{"PORT", "eighty"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dotenvPath := filepath.Join(t.TempDir(), "missing.env")
			if tt.dotenv != "" {
				dotenvPath = writeDotenv(t, tt.dotenv)
			}
			getenv := func(name string) string { return tt.env[name] }

			cfg, err := Load(getenv, dotenvPath)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("want an error mentioning %q, got none", tt.wantErr)
				}
				for _, want := range tt.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not mention %q", err, want)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			tt.check(t, cfg)
		})
	}
}

func TestLoadRejectsABrokenDotenv(t *testing.T) {
	path := writeDotenv(t, "SECRET_KEY='never closed\n")
	_, err := Load(func(string) string { return "" }, path)
	if err == nil || !strings.Contains(err.Error(), "NAME=value") {
		t.Fatalf("want an error explaining the .env format, got %v", err)
	}
}

func TestProblemsWithDeployListsEveryProductionIssue(t *testing.T) {
	cfg := Config{Environment: Development, Port: "8000", SecretKey: ""}
	problems := cfg.Problems(true)
	settings := map[string]bool{}
	for _, p := range problems {
		if p.Severity != Error {
			t.Errorf("%s: severity %s, want error under --deploy", p.Setting, p.Severity)
		}
		if p.Fix == "" {
			t.Errorf("%s: no fix given", p.Setting)
		}
		settings[p.Setting] = true
	}
	if !settings["ENVIRONMENT"] || !settings["SECRET_KEY"] {
		t.Errorf("problems %+v, want both ENVIRONMENT and SECRET_KEY", problems)
	}
}

// TestSecretKeyMustBeHardToGuess judges keys long enough to pass the length check: those that
// repeat, use few characters or follow a sequence are refused in production; random keys
// (from `go run . secrets` or elsewhere) and long passphrases pass.
func TestSecretKeyMustBeHardToGuess(t *testing.T) {
	weak := []string{
		strings.Repeat("s", MinSecretKeyLength),
		strings.Repeat("k", 64),
		strings.Repeat("ab", 32),
		strings.Repeat("abc", 11),
		strings.Repeat("AaBb", 10),
		strings.Repeat("0", 100) + "1",
		"abcdefghijklmnopqrstuvwxyz012345",
		"zyxwvutsrqponmlkjihgfedcba987654",
		"0123456789abcdef0123456789abcdef",
		strings.Repeat("0123456789", 7),
		"02468:<>@BDFHJLNPRTVXZ\\^`bdfhjlnp",
		strings.Repeat("password", 4),
		strings.Repeat("passw0rd!", 5),
		"change-me-change-me-change-me-xx",
		strings.Repeat("🔑", 40),
		strings.Repeat("secret", 1000),
	}
	for _, key := range weak {
		if !hasKeyProblem(key, "easy to guess") {
			t.Errorf("%.40q (%.0f bits): accepted, want refused as easy to guess", key, guessBits(key))
		}
	}
	strong := []string{"correct horse battery staple, then seven more words", "8Gq2#Lx9!vR4@tZ7$kP1&mW5^bN3*hD6"}
	for range 50 {
		strong = append(strong, NewSecretKey(), NewSecretKey()[:32]) // 64 and 32 random hex characters
	}
	for _, key := range strong {
		if hasKeyProblem(key, "") {
			t.Errorf("%q (%.0f bits): refused, want accepted", key, guessBits(key))
		}
	}
}

// hasKeyProblem reports whether production refuses key with a message holding want.
func hasKeyProblem(key, want string) bool {
	cfg := Config{Environment: Production, Port: "8000", SecretKey: key}
	for _, p := range cfg.Problems(true) {
		if p.Setting == "SECRET_KEY" && p.Severity == Error && strings.Contains(p.Message, want) {
			return true
		}
	}
	return false
}
