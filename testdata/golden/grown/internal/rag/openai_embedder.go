// The Embedder for OpenAI-compatible APIs: OpenRouter, OpenAI, a local Ollama or LM Studio...
// They all answer POST {base}/embeddings with {"model", "input": [texts], "dimensions"} by
// {"data": [{"index", "embedding": [floats]}]}. Everything that can go wrong with the answer is
// checked here, so the rest of the app only ever sees vectors of the right size.

package rag

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	// maxBatch is the most texts sent in one request; a longer list is sent in several.
	// OpenAI takes up to 2048 inputs, other services fewer: 64 chunks of 300 tokens is a
	// request every service accepts.
	maxBatch = 64
	// embedTimeout is how long one request may take before it is given up (and tried again
	// later by the job).
	embedTimeout = 60 * time.Second
	// maxRetryAfter caps the wait a 429 may ask for: a service that asks for a day is
	// asked again in an hour.
	maxRetryAfter = time.Hour
)

// embeddingRequest and embeddingResponse are the API's JSON, as much of it as we need:
// https://platform.openai.com/docs/api-reference/embeddings/create.
type (
	embeddingRequest struct {
		Model          string   `json:"model"`
		Input          []string `json:"input"`
		Dimensions     int      `json:"dimensions"`
		EncodingFormat string   `json:"encoding_format"`
	}
	embeddingResponse struct {
		Data []struct {
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		} `json:"data"`
	}
)

// OpenAIEmbedder embeds texts with an OpenAI-compatible embeddings API.
type OpenAIEmbedder struct {
	endpoint   string // such as https://openrouter.ai/api/v1/embeddings
	apiKey     string
	model      string
	dimensions int
	client     *http.Client
	now        func() time.Time // reads a Retry-After date; tests replace it
}

// NewOpenAIEmbedder returns an embedder for model at the API at baseURL (such as
// https://openrouter.ai/api/v1) that asks for vectors of dimensions floats.
func NewOpenAIEmbedder(baseURL, apiKey, model string, dimensions int) *OpenAIEmbedder {
	return &OpenAIEmbedder{
		endpoint:   strings.TrimSuffix(baseURL, "/") + "/embeddings",
		apiKey:     apiKey,
		model:      model,
		dimensions: dimensions,
		client:     &http.Client{Timeout: embedTimeout},
		now:        time.Now,
	}
}

func (e *OpenAIEmbedder) Model() string   { return e.model }
func (e *OpenAIEmbedder) Dimensions() int { return e.dimensions }

// Embed returns one vector per text, in the order of texts, sending at most maxBatch texts
// per request.
func (e *OpenAIEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	vectors := make([][]float32, 0, len(texts))
	for batch := range slices.Chunk(texts, maxBatch) {
		batchVectors, err := e.embedBatch(ctx, batch)
		if err != nil {
			return nil, err
		}
		vectors = append(vectors, batchVectors...)
	}
	return vectors, nil
}

// embedBatch makes one request for texts.
func (e *OpenAIEmbedder) embedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	body, err := json.Marshal(embeddingRequest{Model: e.model, Input: texts, Dimensions: e.dimensions, EncodingFormat: "float"})
	if err != nil {
		return nil, err
	}
	request, err := http.NewRequestWithContext(ctx, http.MethodPost, e.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	request.Header.Set("Content-Type", "application/json")
	request.Header.Set("Authorization", "Bearer "+e.apiKey)
	response, err := e.client.Do(request)
	if err != nil {
		return nil, e.unreachable(ctx, err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		return nil, e.failureOf(response)
	}
	// A vector of 1536 floats is about 30 KB of JSON: anything much bigger than the answer
	// can be is refused before it fills the memory.
	limit := int64(64<<10 + len(texts)*e.dimensions*32)
	answer, err := io.ReadAll(io.LimitReader(response.Body, limit+1))
	if err != nil {
		return nil, e.unreachable(ctx, err)
	}
	if int64(len(answer)) > limit {
		return nil, e.malformed(fmt.Errorf("the answer is larger than %d bytes", limit))
	}
	return e.vectorsOf(answer, len(texts))
}

// vectorsOf reads an answer of status 200: want vectors, put back in the order of the
// texts by their "index" (a service may answer in any order).
func (e *OpenAIEmbedder) vectorsOf(answer []byte, want int) ([][]float32, error) {
	var decoded embeddingResponse
	if err := json.Unmarshal(answer, &decoded); err != nil {
		return nil, e.malformed(err)
	}
	if len(decoded.Data) != want {
		return nil, e.malformed(fmt.Errorf("%d vectors for %d texts", len(decoded.Data), want))
	}
	vectors := make([][]float32, want)
	for _, item := range decoded.Data {
		if item.Index < 0 || item.Index >= want || vectors[item.Index] != nil {
			return nil, e.malformed(fmt.Errorf("a vector with the index %d, which is missing, repeated or out of range", item.Index))
		}
		if len(item.Embedding) != e.dimensions {
			return nil, &EmbeddingError{Permanent: true,
				Message: fmt.Sprintf("The embedding model %s makes vectors of %d numbers, but EMBEDDING_DIMENSIONS is %d: "+
					"set EMBEDDING_DIMENSIONS=%d (then run `go run . documents reindex`), or pick a model that takes a size.",
					e.model, len(item.Embedding), e.dimensions, len(item.Embedding))}
		}
		for _, x := range item.Embedding {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				return nil, e.malformed(errors.New("a vector holds a number that is not finite"))
			}
		}
		vectors[item.Index] = item.Embedding
	}
	return vectors, nil
}

// failureOf explains an answer whose status is not 200. The service's own words go into the
// details, without the key: some services quote the key they refused.
func (e *OpenAIEmbedder) failureOf(response *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(response.Body, 4096))
	said := e.withoutKey(strings.TrimSpace(string(body)))
	var answer struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &answer) == nil && answer.Error.Message != "" {
		said = e.withoutKey(answer.Error.Message)
	}
	status := response.StatusCode
	problem := func(permanent bool, message string) *EmbeddingError {
		return &EmbeddingError{Permanent: permanent, Message: message, Err: fmt.Errorf("%s: %s", response.Status, said)}
	}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return problem(true, "The embedding service refused the API key: check EMBEDDING_API_KEY (it defaults to OPENROUTER_API_KEY).")
	case status == http.StatusNotFound:
		return problem(true, fmt.Sprintf("The embedding service at %s does not know the model %s: check EMBEDDING_MODEL and EMBEDDING_BASE_URL.",
			e.endpoint, e.model))
	case status == http.StatusTooManyRequests:
		return &RetryAfterError{Wait: e.retryAfter(response.Header.Get("Retry-After")),
			Err: problem(false, "The embedding service is busy and asks us to slow down: the documents wait, then go on.")}
	case status >= 500:
		return problem(false, fmt.Sprintf("The embedding service had a problem (HTTP %d): the documents will be tried again.", status))
	}
	return problem(true, fmt.Sprintf("The embedding service refused the request (HTTP %d): %s", status, said))
}

// retryAfter reads a Retry-After header: a number of seconds, or a date.
func (e *OpenAIEmbedder) retryAfter(header string) time.Duration {
	var wait time.Duration
	if seconds, err := strconv.ParseInt(strings.TrimSpace(header), 10, 64); err == nil {
		wait = time.Duration(min(seconds, int64(maxRetryAfter/time.Second))) * time.Second
	} else if date, err := http.ParseTime(header); err == nil {
		wait = date.Sub(e.now())
	}
	return min(max(wait, 0), maxRetryAfter)
}

// unreachable explains a request that failed before an answer came.
func (e *OpenAIEmbedder) unreachable(ctx context.Context, err error) error {
	if ctx.Err() != nil { // the app is stopping, or the caller gave up: no failure of the service
		return ctx.Err()
	}
	var timeout interface{ Timeout() bool }
	if errors.As(err, &timeout) && timeout.Timeout() {
		return &EmbeddingError{Err: err, Message: fmt.Sprintf(
			"The embedding service did not answer within %s: the documents will be tried again.", e.client.Timeout)}
	}
	return &EmbeddingError{Err: err, Message: "The embedding service could not be reached: check EMBEDDING_BASE_URL and the network."}
}

// malformed explains an answer that is not what the API promises.
func (e *OpenAIEmbedder) malformed(err error) error {
	return &EmbeddingError{Err: err, Message: "The embedding service sent an answer that could not be read: " +
		"the documents will be tried again; if this lasts, check EMBEDDING_BASE_URL."}
}

// withoutKey replaces the API key in text.
func (e *OpenAIEmbedder) withoutKey(text string) string {
	if e.apiKey == "" {
		return text
	}
	return strings.ReplaceAll(text, e.apiKey, "[EMBEDDING_API_KEY]")
}
