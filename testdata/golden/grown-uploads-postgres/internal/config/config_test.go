// Tests for loading and checking the configuration. Add a case when you add a setting.

package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
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
				if cfg.SessionIdleTimeout != 24*time.Hour || cfg.SessionLifetime != 7*24*time.Hour ||
					cfg.AccessTokenTTL != 15*time.Minute || cfg.RefreshTokenTTL != 30*24*time.Hour || cfg.EmergencyAccessEnabled {
					t.Errorf("got %+v, want the auth defaults from .env.example", cfg)
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
			env:  map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strongKey, "OPENROUTER_API_KEY": "sk-or-test"},
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
		{
			name: "auth settings",
			env: map[string]string{"ACCESS_TOKEN_TTL": "5m", "SESSION_IDLE_TIMEOUT": "30m",
				"EMERGENCY_ACCESS_ENABLED": "true", "CLIENT_IP_HEADER": "Fly-Client-IP"},
			check: func(t *testing.T, cfg Config) {
				if cfg.AccessTokenTTL != 5*time.Minute || cfg.SessionIdleTimeout != 30*time.Minute ||
					!cfg.EmergencyAccessEnabled || cfg.ClientIPHeader != "Fly-Client-IP" {
					t.Errorf("got %+v, want the values from the environment", cfg)
				}
			},
		},
		{
			name:    "a duration without a unit",
			env:     map[string]string{"ACCESS_TOKEN_TTL": "15"},
			wantErr: []string{"ACCESS_TOKEN_TTL", `"15"`, "15m"},
		},
		{
			name:    "a zero duration",
			env:     map[string]string{"SESSION_LIFETIME": "0s"},
			wantErr: []string{"SESSION_LIFETIME", "longer than zero"},
		},
		{
			name:    "emergency access that is not a boolean",
			env:     map[string]string{"EMERGENCY_ACCESS_ENABLED": "yes please"},
			wantErr: []string{"EMERGENCY_ACCESS_ENABLED", "true or false"},
		},
		{
			name: "production with emergency access starts, with a warning",
			env:  map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strongKey, "EMERGENCY_ACCESS_ENABLED": "true", "OPENROUTER_API_KEY": "sk-or-test"},
			check: func(t *testing.T, cfg Config) {
				if len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], "EMERGENCY_ACCESS_ENABLED=false") {
					t.Errorf("Warnings = %q, want one telling to turn emergency access off", cfg.Warnings)
				}
			},
		},
		{
			name: "chat defaults: OpenRouter, in demo mode until a key is set",
			check: func(t *testing.T, cfg Config) {
				if cfg.LLMBaseURL != "https://openrouter.ai/api/v1" || cfg.LLMAPIKey != "" ||
					cfg.LLMModel != "meta-llama/llama-3.3-70b-instruct:free" || cfg.LLMModels != nil || cfg.LLMTimeout != time.Minute {
					t.Errorf("got %+v, want the chat defaults from .env.example", cfg)
				}
				if cfg.ChatRequestsPerMinute != 10 || cfg.ChatTokensPerDay != 100000 || cfg.ChatHistoryTokens != 4000 {
					t.Errorf("got %+v, want the chat limits from .env.example", cfg)
				}
			},
		},
		{
			name: "chat settings",
			env: map[string]string{"LLM_BASE_URL": "http://localhost:11434/v1", "OPENROUTER_API_KEY": "sk-or-test",
				"OPENROUTER_LLM_MODEL": "llama3.2", "OPENROUTER_LLM_MODELS": " qwen3, ,mistral ", "LLM_TIMEOUT": "90s",
				"CHAT_REQUESTS_PER_MINUTE": "0", "CHAT_TOKENS_PER_DAY": "5000", "CHAT_HISTORY_TOKENS": "1000"},
			check: func(t *testing.T, cfg Config) {
				if cfg.LLMBaseURL != "http://localhost:11434/v1" || cfg.LLMAPIKey != "sk-or-test" || cfg.LLMModel != "llama3.2" ||
					strings.Join(cfg.LLMModels, "|") != "qwen3|mistral" || cfg.LLMTimeout != 90*time.Second {
					t.Errorf("got %+v, want the chat values from the environment", cfg)
				}
				if cfg.ChatRequestsPerMinute != 0 || cfg.ChatTokensPerDay != 5000 || cfg.ChatHistoryTokens != 1000 {
					t.Errorf("got %+v, want the chat limits from the environment", cfg)
				}
			},
		},
		{
			name:    "a chat limit that is not a number",
			env:     map[string]string{"CHAT_TOKENS_PER_DAY": "lots"},
			wantErr: []string{"CHAT_TOKENS_PER_DAY", `"lots"`, "whole number"},
		},
		{
			name:    "a negative chat limit",
			env:     map[string]string{"CHAT_REQUESTS_PER_MINUTE": "-1"},
			wantErr: []string{"CHAT_REQUESTS_PER_MINUTE", "whole number"},
		},
		{
			name:    "an API address without its scheme",
			env:     map[string]string{"LLM_BASE_URL": "openrouter.ai/api/v1"},
			wantErr: []string{"LLM_BASE_URL", "https://openrouter.ai/api/v1"},
		},
		{
			name:    "a zero LLM timeout",
			env:     map[string]string{"LLM_TIMEOUT": "0s"},
			wantErr: []string{"LLM_TIMEOUT", "longer than zero"},
		},
		{
			name: "production without an API key starts in demo mode, with a warning",
			env:  map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": strongKey},
			check: func(t *testing.T, cfg Config) {
				if len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], "OPENROUTER_API_KEY") {
					t.Errorf("Warnings = %q, want one telling to set OPENROUTER_API_KEY", cfg.Warnings)
				}
			},
		},
		{
			name: "rag defaults: the chat's API and key, text-embedding-3-small",
			env:  map[string]string{"LLM_BASE_URL": "http://localhost:11434/v1", "OPENROUTER_API_KEY": "sk-or-test"},
			check: func(t *testing.T, cfg Config) {
				if cfg.EmbeddingBaseURL != "http://localhost:11434/v1" || cfg.EmbeddingAPIKey != "sk-or-test" ||
					cfg.EmbeddingModel != "openai/text-embedding-3-small" || cfg.EmbeddingDimensions != 1536 {
					t.Errorf("got %+v, want the embedding defaults from .env.example", cfg)
				}
				if cfg.ChunkTokens != 300 || cfg.ChunkOverlap != 50 {
					t.Errorf("chunks of %d tokens overlapping by %d, want 300 and 50", cfg.ChunkTokens, cfg.ChunkOverlap)
				}
			},
		},
		{
			name: "rag settings",
			env: map[string]string{"OPENROUTER_API_KEY": "sk-or-test", "EMBEDDING_BASE_URL": "https://api.openai.com/v1",
				"EMBEDDING_API_KEY": "sk-test", "EMBEDDING_MODEL": "text-embedding-3-large", "EMBEDDING_DIMENSIONS": "3072",
				"RAG_CHUNK_TOKENS": "500", "RAG_CHUNK_OVERLAP": "0"},
			check: func(t *testing.T, cfg Config) {
				if cfg.EmbeddingBaseURL != "https://api.openai.com/v1" || cfg.EmbeddingAPIKey != "sk-test" ||
					cfg.EmbeddingModel != "text-embedding-3-large" || cfg.EmbeddingDimensions != 3072 ||
					cfg.ChunkTokens != 500 || cfg.ChunkOverlap != 0 {
					t.Errorf("got %+v, want the rag values from the environment", cfg)
				}
			},
		},
		{
			name:    "an embedding address without its scheme",
			env:     map[string]string{"EMBEDDING_API_KEY": "sk-test", "EMBEDDING_BASE_URL": "api.openai.com/v1"},
			wantErr: []string{"EMBEDDING_BASE_URL", "https://"},
		},
		{
			name:    "embedding dimensions that are not a number",
			env:     map[string]string{"EMBEDDING_DIMENSIONS": "many"},
			wantErr: []string{"EMBEDDING_DIMENSIONS", `"many"`, "whole number"},
		},
		{
			name:    "zero embedding dimensions",
			env:     map[string]string{"EMBEDDING_DIMENSIONS": "0"},
			wantErr: []string{"EMBEDDING_DIMENSIONS", "size of the model's vectors"},
		},
		{
			name:    "chunks too small",
			env:     map[string]string{"RAG_CHUNK_TOKENS": "5", "RAG_CHUNK_OVERLAP": "0"},
			wantErr: []string{"RAG_CHUNK_TOKENS", "between 100 and 1000"},
		},
		{
			name:    "an overlap as large as the chunk",
			env:     map[string]string{"RAG_CHUNK_TOKENS": "100", "RAG_CHUNK_OVERLAP": "100"},
			wantErr: []string{"RAG_CHUNK_OVERLAP", "RAG_CHUNK_TOKENS"},
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
	// The API key is set because a missing one is only a warning: the chat runs in demo mode.
	cfg := Config{Environment: Development, Port: "8000", SecretKey: "", LLMAPIKey: "sk-or-test"}
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

// TestUploadProblems: each mistake in where uploads go is an error that names its setting.
func TestUploadProblems(t *testing.T) {
	s3 := map[string]string{
		"STORAGE_TYPE": "s3", "S3_BUCKET": "photos", "S3_ENDPOINT_URL": "https://s3.example.com",
		"S3_ACCESS_KEY": "id", "S3_SECRET_KEY": "secret",
	}
	without := func(env map[string]string, name string) map[string]string {
		copied := map[string]string{}
		for k, v := range env {
			if k != name {
				copied[k] = v
			}
		}
		return copied
	}
	with := func(env map[string]string, name, value string) map[string]string {
		copied := without(env, name)
		copied[name] = value
		return copied
	}
	tests := []struct {
		name string
		env  map[string]string
		want string // the setting at fault, or "" for none
	}{
		{"fs", map[string]string{}, ""},
		{"complete s3", s3, ""},
		{"s3 without a bucket", without(s3, "S3_BUCKET"), "S3_BUCKET"},
		{"s3 without an endpoint", without(s3, "S3_ENDPOINT_URL"), "S3_ENDPOINT_URL"},
		{"s3 without an access key", without(s3, "S3_ACCESS_KEY"), "S3_ACCESS_KEY"},
		{"s3 without a secret key", without(s3, "S3_SECRET_KEY"), "S3_SECRET_KEY"},
		{"s3 with an endpoint that is no address", with(s3, "S3_ENDPOINT_URL", "s3.example.com"), "S3_ENDPOINT_URL"},
		{"s3 with a CDN that is no address", with(s3, "S3_CDN_URL", "cdn"), "S3_CDN_URL"},
		{"none", map[string]string{"STORAGE_TYPE": "none"}, ""},
		{"an unknown storage", map[string]string{"STORAGE_TYPE": "ftp"}, "STORAGE_TYPE"},
		{"a zero limit", map[string]string{"MAX_UPLOAD_MB": "0"}, "MAX_UPLOAD_MB"},
		{"a zero file limit", map[string]string{"MAX_FILE_UPLOAD_MB": "0"}, "MAX_FILE_UPLOAD_MB"},
		{"a type that is no MIME type", map[string]string{"UPLOAD_IMAGE_TYPES": "jpeg,png"}, "UPLOAD_IMAGE_TYPES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Read(func(name string) string { return tt.env[name] }, filepath.Join(t.TempDir(), "missing.env"))
			if err != nil {
				t.Fatal(err)
			}
			var found []string
			for _, p := range cfg.uploadProblems() {
				found = append(found, p.Setting)
				if p.Severity != Error || p.Fix == "" {
					t.Errorf("%s: %+v, want an error with a fix", p.Setting, p)
				}
			}
			switch {
			case tt.want == "" && len(found) > 0:
				t.Errorf("problems with %v, want none", found)
			case tt.want != "" && !slices.Contains(found, tt.want):
				t.Errorf("problems with %v, want one with %s", found, tt.want)
			}
		})
	}
}

// TestUploadsOffTheVolume: in a container only /data outlives a deploy.
func TestUploadsOffTheVolume(t *testing.T) {
	for dir, off := range map[string]bool{
		"data/uploads": true, "/data/uploads": false, "/data": false, "/database/uploads": true,
		"/data/../tmp": true, "/tmp/uploads": true, "/data/photos/": false,
	} {
		cfg := Config{StorageType: StorageFS, UploadDir: dir}
		if got := cfg.UploadsOffTheVolume(); got != off {
			t.Errorf("UPLOAD_DIR=%s: off the volume %v, want %v", dir, got, off)
		}
	}
	if (Config{StorageType: StorageS3, UploadDir: "data/uploads"}).UploadsOffTheVolume() {
		t.Error("STORAGE_TYPE=s3 keeps nothing in UPLOAD_DIR, so it cannot be off the volume")
	}
}
