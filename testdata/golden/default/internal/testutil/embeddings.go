// A fake OpenAI-compatible embeddings API for the tests of documents, search and the chat: the
// test chooses the vector of each text (so it decides which texts are "close"), makes the next
// answers fail or say 429 with a Retry-After, and counts what the API was sent.

package testutil

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// FakeEmbeddingsKey is the API key the fake embeddings API accepts.
const FakeEmbeddingsKey = "sk-embed-test-key"

// FakeEmbeddings is an embeddings API on a local port. A text the test gave no vector gets
// one made from the text's hash: the same on every call, and unrelated to any other text's.
type FakeEmbeddings struct {
	server     *httptest.Server
	dimensions int

	mu       sync.Mutex
	vectors  map[string][]float32
	answers  []http.HandlerFunc // the next requests' answers, instead of vectors
	before   func(texts []string)
	requests []EmbeddingsRequest
}

// EmbeddingsRequest is what the fake API was sent in one request.
type EmbeddingsRequest struct {
	Model      string   `json:"model"`
	Input      []string `json:"input"`
	Dimensions int      `json:"dimensions"`
}

// NewFakeEmbeddings starts an embeddings API that answers vectors of dimensions floats; it
// stops when the test ends.
func NewFakeEmbeddings(t testing.TB, dimensions int) *FakeEmbeddings {
	t.Helper()
	f := &FakeEmbeddings{dimensions: dimensions, vectors: map[string][]float32{}}
	f.server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.server.Close)
	return f
}

// URL is the base URL to configure (EMBEDDING_BASE_URL), like https://openrouter.ai/api/v1.
func (f *FakeEmbeddings) URL() string { return f.server.URL + "/v1" }

// SetVector makes the API answer vector for text.
func (f *FakeEmbeddings) SetVector(text string, vector []float32) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.vectors[text] = vector
}

// Then makes the API answer its next request with answer instead of vectors (and count it).
// Several calls queue several answers.
func (f *FakeEmbeddings) Then(answer http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answers = append(f.answers, answer)
}

// FailNext makes the next request fail with status and the API's JSON error message.
func (f *FakeEmbeddings) FailNext(status int, message string) {
	f.Then(FailWith(status, message))
}

// TooManyRequestsNext makes the next request answer 429 with the header Retry-After:
// retryAfter (seconds, or an HTTP date; "" sends no header).
func (f *FakeEmbeddings) TooManyRequestsNext(retryAfter string) {
	f.Then(func(w http.ResponseWriter, r *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		FailWith(http.StatusTooManyRequests, "Rate limit reached")(w, r)
	})
}

// BeforeEach calls hook with the texts of each request before it is answered, on the
// server's goroutine: a test can pause a request there (to let a lease expire, say).
func (f *FakeEmbeddings) BeforeEach(hook func(texts []string)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.before = hook
}

// Requests returns what the API was sent so far, in order.
func (f *FakeEmbeddings) Requests() []EmbeddingsRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]EmbeddingsRequest(nil), f.requests...)
}

// Texts returns every text the API was asked to embed so far, in order.
func (f *FakeEmbeddings) Texts() []string {
	var texts []string
	for _, request := range f.Requests() {
		texts = append(texts, request.Input...)
	}
	return texts
}

// FailWith is an API answer with an HTTP error in the API's JSON format.
func FailWith(status int, message string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error": {"message": %q, "code": %d}}`, message, status)
	}
}

func (f *FakeEmbeddings) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
		FailWith(http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path)(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+FakeEmbeddingsKey {
		FailWith(http.StatusUnauthorized, "Incorrect API key provided")(w, r)
		return
	}
	var request EmbeddingsRequest
	if err := json.NewDecoder(r.Body).Decode(&request); err != nil || len(request.Input) == 0 {
		FailWith(http.StatusBadRequest, fmt.Sprintf("a JSON body with model and input, please (%v)", err))(w, r)
		return
	}
	f.mu.Lock()
	f.requests = append(f.requests, request)
	before := f.before
	var answer http.HandlerFunc
	if len(f.answers) > 0 {
		answer, f.answers = f.answers[0], f.answers[1:]
	}
	f.mu.Unlock()
	if before != nil {
		before(request.Input)
	}
	if answer != nil {
		answer(w, r)
		return
	}
	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	data := make([]item, len(request.Input))
	for i, text := range request.Input {
		data[i] = item{Object: "embedding", Index: i, Embedding: f.vectorOf(text)}
	}
	// The real API answers in order; the fake answers backwards, so the client must sort by index.
	for i, j := 0, len(data)-1; i < j; i, j = i+1, j-1 {
		data[i], data[j] = data[j], data[i]
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "model": request.Model, "data": data,
		"usage": map[string]int{"prompt_tokens": len(request.Input), "total_tokens": len(request.Input)}})
}

// vectorOf is the vector set for text, or else one made from its hash, of length 1.
func (f *FakeEmbeddings) vectorOf(text string) []float32 {
	f.mu.Lock()
	vector, found := f.vectors[text]
	f.mu.Unlock()
	if found {
		return vector
	}
	vector = make([]float32, f.dimensions)
	h := fnv.New64a()
	h.Write([]byte(text))
	seed := h.Sum64() | 1
	var norm float64
	for i := range vector {
		seed ^= seed << 13 // xorshift: a cheap, repeatable stream of numbers from the seed
		seed ^= seed >> 7
		seed ^= seed << 17
		vector[i] = float32(int64(seed%2001)-1000) / 1000
		norm += float64(vector[i]) * float64(vector[i])
	}
	for i := range vector {
		vector[i] = float32(float64(vector[i]) / math.Sqrt(norm))
	}
	return vector
}
