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

// The places uploads can go (STORAGE_TYPE).
const (
	StorageFS   = "fs"
	StorageS3   = "s3"
	StorageNone = "none"
)

// The types accepted by default (UPLOAD_IMAGE_TYPES, UPLOAD_FILE_TYPES), by MIME type: images
// JPEG, PNG, GIF and WebP; files PDF, text, CSV and Office documents (Microsoft and OpenDocument).
const (
	DefaultImageTypes = "image/jpeg,image/png,image/gif,image/webp"
	DefaultFileTypes  = "application/pdf,text/plain,text/csv," +
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document," +
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet," +
		"application/vnd.openxmlformats-officedocument.presentationml.presentation," +
		"application/msword,application/vnd.ms-excel,application/vnd.ms-powerpoint," +
		"application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet," +
		"application/vnd.oasis.opendocument.presentation"
)

// MinChunkTokens is the smallest RAG_CHUNK_TOKENS accepted: a smaller chunk is too short to
// embed with any meaning.
const MinChunkTokens = 20

// defaultDatabaseURL is used when DATABASE_URL is not set: a local PostgreSQL with the
// password "postgres", as the README's docker command starts it.
const defaultDatabaseURL = "postgres://postgres:postgres@localhost:5432/myapp?sslmode=disable"

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

	// Uploads (internal/uploads): where files go, and what is accepted.
	StorageType     string   // STORAGE_TYPE: fs (default, a folder), s3 (an S3-compatible bucket) or none (uploads refused)
	UploadDir       string   // UPLOAD_DIR: the folder of STORAGE_TYPE=fs (default data/uploads; /data/uploads on fly.io)
	S3Bucket        string   // S3_BUCKET: the bucket of STORAGE_TYPE=s3
	S3Region        string   // S3_REGION: its region, such as us-east-1 (default us-east-1)
	S3EndpointURL   string   // S3_ENDPOINT_URL: the service's address, such as https://s3.us-east-1.amazonaws.com
	S3AccessKey     string   // S3_ACCESS_KEY: the key's id
	S3SecretKey     string   // S3_SECRET_KEY: the key's secret; never logged or shown on a page
	S3CDNURL        string   // S3_CDN_URL: optional public address of the bucket; pages then link there instead of /uploads/
	MaxUploadMB     int      // MAX_UPLOAD_MB: the largest image, in megabytes (default 5)
	MaxFileUploadMB int      // MAX_FILE_UPLOAD_MB: the largest other file, in megabytes (default 10)
	ImageTypes      []string // UPLOAD_IMAGE_TYPES: the image types accepted, by MIME type (default JPEG, PNG, GIF, WebP)
	FileTypes       []string // UPLOAD_FILE_TYPES: the other file types accepted (default PDF, text, CSV, Office documents)

	// Documents and search (internal/rag): embeddings from any OpenAI-compatible API. Without
	// a key a built-in offline embedder is used, so search works with no network.
	EmbeddingBaseURL    string // EMBEDDING_BASE_URL: the API's address (default LLM_BASE_URL)
	EmbeddingAPIKey     string // EMBEDDING_API_KEY: its key (default OPENROUTER_API_KEY); never logged or shown on a page
	EmbeddingModel      string // EMBEDDING_MODEL: the embedding model (default openai/text-embedding-3-small)
	EmbeddingDimensions int    // EMBEDDING_DIMENSIONS: the size of its vectors (default 1536)
	ChunkTokens         int    // RAG_CHUNK_TOKENS: the size of a chunk of a document, in tokens (default 300)
	ChunkOverlap        int    // RAG_CHUNK_OVERLAP: tokens a chunk repeats from the one before it (default 50)

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
	list := func(name, fallback string) []string {
		var items []string
		for item := range strings.SplitSeq(lookup(name, fallback), ",") {
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
		LLMModels:              list("OPENROUTER_LLM_MODELS", ""),
		LLMTimeout:             duration("LLM_TIMEOUT", "60s"),
		ChatRequestsPerMinute:  count("CHAT_REQUESTS_PER_MINUTE", "10"),
		ChatTokensPerDay:       count("CHAT_TOKENS_PER_DAY", "100000"),
		ChatHistoryTokens:      count("CHAT_HISTORY_TOKENS", "4000"),
		StorageType:            lookup("STORAGE_TYPE", StorageFS),
		UploadDir:              lookup("UPLOAD_DIR", "data/uploads"),
		S3Bucket:               lookup("S3_BUCKET", ""),
		S3Region:               lookup("S3_REGION", "us-east-1"),
		S3EndpointURL:          lookup("S3_ENDPOINT_URL", ""),
		S3AccessKey:            lookup("S3_ACCESS_KEY", ""),
		S3SecretKey:            lookup("S3_SECRET_KEY", ""),
		S3CDNURL:               lookup("S3_CDN_URL", ""),
		MaxUploadMB:            count("MAX_UPLOAD_MB", "5"),
		MaxFileUploadMB:        count("MAX_FILE_UPLOAD_MB", "10"),
		ImageTypes:             list("UPLOAD_IMAGE_TYPES", DefaultImageTypes),
		FileTypes:              list("UPLOAD_FILE_TYPES", DefaultFileTypes),
		// The embedding API is the chat's unless said otherwise: one key serves both.
		EmbeddingBaseURL:    lookup("EMBEDDING_BASE_URL", lookup("LLM_BASE_URL", "https://openrouter.ai/api/v1")),
		EmbeddingAPIKey:     lookup("EMBEDDING_API_KEY", lookup("OPENROUTER_API_KEY", "")),
		EmbeddingModel:      lookup("EMBEDDING_MODEL", "openai/text-embedding-3-small"),
		EmbeddingDimensions: count("EMBEDDING_DIMENSIONS", "1536"),
		ChunkTokens:         count("RAG_CHUNK_TOKENS", "300"),
		ChunkOverlap:        count("RAG_CHUNK_OVERLAP", "50"),
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
