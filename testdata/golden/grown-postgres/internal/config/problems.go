// Problems finds mistakes in a Config and says how to fix each one. The check command prints
// them; Load refuses to start production with any error. Add a rule here for a new setting.

package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
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
// running in production with a strong, private SECRET_KEY, and no emergency access left on.
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

	for _, d := range []struct {
		setting string
		value   time.Duration
	}{
		{"SESSION_IDLE_TIMEOUT", c.SessionIdleTimeout},
		{"SESSION_LIFETIME", c.SessionLifetime},
		{"ACCESS_TOKEN_TTL", c.AccessTokenTTL},
		{"REFRESH_TOKEN_TTL", c.RefreshTokenTTL},
		{"LLM_TIMEOUT", c.LLMTimeout},
	} {
		if d.value <= 0 {
			add(Error, d.setting, fmt.Sprintf("is %s: it must be longer than zero", d.value),
				"Remove it to use the default (see .env.example), or write a duration such as 30m or 24h")
		}
	}
	if c.SessionIdleTimeout > c.SessionLifetime {
		add(Warning, "SESSION_IDLE_TIMEOUT", fmt.Sprintf("(%s) is longer than SESSION_LIFETIME (%s), so it never applies",
			c.SessionIdleTimeout, c.SessionLifetime), "Make SESSION_IDLE_TIMEOUT shorter than SESSION_LIFETIME")
	}
	// A JWT cannot be taken back once issued: a short life limits what a stolen one can do.
	if c.AccessTokenTTL > time.Hour {
		add(Warning, "ACCESS_TOKEN_TTL", fmt.Sprintf("is %s: a stolen access token works that long", c.AccessTokenTTL),
			"Keep it at an hour or less (default 15m); clients get new ones from /api/auth/refresh")
	}
	if c.EmergencyAccessEnabled && deploy {
		// A warning, not an error: on a host without a shell this is how you get back in, and
		// an error would stop the app from starting.
		add(Warning, "EMERGENCY_ACCESS_ENABLED", "is true, so `emergency-access` links can take over accounts",
			"Set EMERGENCY_ACCESS_ENABLED=false again as soon as you have logged in")
	}
	if u, err := url.Parse(c.LLMBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		add(Error, "LLM_BASE_URL", fmt.Sprintf("%q is not the address of an API", c.LLMBaseURL),
			"Set it to an OpenAI-compatible API, such as https://openrouter.ai/api/v1, or remove it to use OpenRouter")
	}
	if c.LLMAPIKey == "" && deploy {
		add(Warning, "OPENROUTER_API_KEY", "is not set, so the chat answers every question with a canned demo reply",
			"Create a key at https://openrouter.ai/keys and set OPENROUTER_API_KEY to it")
	}
	problems = append(problems, c.uploadProblems()...)
	problems = append(problems, c.ragProblems()...)
	return problems
}

// ragProblems checks the embedding API and the chunk sizes (EMBEDDING_* and RAG_CHUNK_*).
func (c Config) ragProblems() []Problem {
	var problems []Problem
	add := func(setting, message, fix string) {
		problems = append(problems, Problem{Error, setting, message, fix})
	}
	// Without a key the offline embedder runs and the address is never used.
	if u, err := url.Parse(c.EmbeddingBaseURL); c.EmbeddingAPIKey != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		add("EMBEDDING_BASE_URL", fmt.Sprintf("%q is not the address of an API", c.EmbeddingBaseURL),
			"Set it to an OpenAI-compatible API, such as https://openrouter.ai/api/v1, or remove it to use LLM_BASE_URL")
	}
	if c.EmbeddingDimensions < 1 {
		add("EMBEDDING_DIMENSIONS", "is 0", "Set it to the size of the model's vectors (1536 for text-embedding-3-small), or remove it")
	}
	if c.ChunkTokens < MinChunkTokens {
		add("RAG_CHUNK_TOKENS", fmt.Sprintf("is %d, below the %d a chunk needs to say something", c.ChunkTokens, MinChunkTokens),
			"Set it between 100 and 1000 (default 300), or remove it")
	}
	if c.ChunkOverlap >= c.ChunkTokens {
		add("RAG_CHUNK_OVERLAP", fmt.Sprintf("(%d) is not smaller than RAG_CHUNK_TOKENS (%d), so chunking would never move on", c.ChunkOverlap, c.ChunkTokens),
			"Make it a fraction of RAG_CHUNK_TOKENS, such as a sixth (default 50 of 300)")
	}
	return problems
}

// uploadProblems checks where uploads go and what is accepted (STORAGE_TYPE and the rest).
// Where the folder of STORAGE_TYPE=fs lies is checked by `check --deploy` (UploadsOffTheVolume).
func (c Config) uploadProblems() []Problem {
	var problems []Problem
	add := func(setting, message, fix string) {
		problems = append(problems, Problem{Error, setting, message, fix})
	}
	switch c.StorageType {
	case StorageFS, StorageNone:
	case StorageS3:
		for _, s := range []struct{ setting, value string }{
			{"S3_BUCKET", c.S3Bucket}, {"S3_REGION", c.S3Region}, {"S3_ENDPOINT_URL", c.S3EndpointURL},
			{"S3_ACCESS_KEY", c.S3AccessKey}, {"S3_SECRET_KEY", c.S3SecretKey},
		} {
			if s.value == "" {
				add(s.setting, "is not set, and STORAGE_TYPE=s3 needs it",
					"Set it to your S3 service's value (see .env.example), or set STORAGE_TYPE=fs to keep files on disk")
			}
		}
		for _, s := range []struct{ setting, value string }{
			{"S3_ENDPOINT_URL", c.S3EndpointURL}, {"S3_CDN_URL", c.S3CDNURL},
		} {
			if u, err := url.Parse(s.value); s.value != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
				add(s.setting, fmt.Sprintf("%q is not an address", s.value), "Write it whole, such as https://s3.us-east-1.amazonaws.com")
			}
		}
	default:
		add("STORAGE_TYPE", fmt.Sprintf("%q is not a place for uploads", c.StorageType),
			"Set STORAGE_TYPE=fs (a folder, UPLOAD_DIR), s3 (a bucket) or none (uploads refused)")
	}
	for _, m := range []struct {
		setting string
		value   int
	}{
		{"MAX_UPLOAD_MB", c.MaxUploadMB}, {"MAX_FILE_UPLOAD_MB", c.MaxFileUploadMB},
	} {
		if m.value < 1 {
			add(m.setting, fmt.Sprintf("is %d: no upload could be that small", m.value), "Set it to 1 or more (megabytes)")
		}
	}
	for _, t := range append(append([]string{}, c.ImageTypes...), c.FileTypes...) {
		if kind, _, ok := strings.Cut(t, "/"); !ok || kind == "" || strings.ContainsAny(t, " ;") {
			add("UPLOAD_IMAGE_TYPES", fmt.Sprintf("or UPLOAD_FILE_TYPES holds %q, which is not a MIME type", t),
				"List MIME types separated by commas, such as image/jpeg,image/png")
		}
	}
	return problems
}

// UploadsOffTheVolume reports whether uploads go to a folder outside /data, the volume that
// fly.toml and the Dockerfile mount: in a container such a folder is lost at every deploy.
// `check --deploy` refuses it; the app itself starts, since on a server of your own any
// lasting folder will do.
func (c Config) UploadsOffTheVolume() bool {
	dir := filepath.Clean(c.UploadDir)
	return c.StorageType == StorageFS && dir != "/data" && !strings.HasPrefix(dir, "/data/")
}
