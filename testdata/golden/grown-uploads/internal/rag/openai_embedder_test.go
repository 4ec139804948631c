// Tests for the OpenAI-compatible embedder against the fake API of internal/testutil: what it
// sends, how it puts the answer in order, and a readable error for every way the service can
// fail or answer nonsense.

package rag_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"myapp/internal/rag"
	"myapp/internal/testutil"
)

// testEmbedder returns an embedder of the model "test/embed" for api, with 4-float vectors.
func testEmbedder(api *testutil.FakeEmbeddings) *rag.OpenAIEmbedder {
	return rag.NewOpenAIEmbedder(api.URL(), testutil.FakeEmbeddingsKey, "test/embed", 4)
}

func TestOpenAIEmbedderSendsModelAndDimensionsAndKeepsTheOrder(t *testing.T) {
	api := testutil.NewFakeEmbeddings(t, 4)
	api.SetVector("cats", []float32{1, 0, 0, 0})
	api.SetVector("dogs", []float32{0, 1, 0, 0})
	api.SetVector("fish", []float32{0, 0, 1, 0})

	vectors, err := testEmbedder(api).Embed(t.Context(), []string{"cats", "dogs", "fish"})
	if err != nil {
		t.Fatal(err)
	}
	// The fake answers in reverse order: the embedder must sort by "index".
	want := [][]float32{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}}
	if !slices.EqualFunc(vectors, want, slices.Equal) {
		t.Errorf("vectors = %v, want %v", vectors, want)
	}
	requests := api.Requests()
	if len(requests) != 1 || requests[0].Model != "test/embed" || requests[0].Dimensions != 4 {
		t.Errorf("requests = %+v, want one for test/embed with dimensions 4", requests)
	}
}

func TestOpenAIEmbedderSendsLongListsInBatches(t *testing.T) {
	api := testutil.NewFakeEmbeddings(t, 4)
	texts := make([]string, 2*rag.MaxBatch+5)
	for i := range texts {
		texts[i] = fmt.Sprintf("text %d", i)
	}
	vectors, err := testEmbedder(api).Embed(t.Context(), texts)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, request := range api.Requests() {
		sizes = append(sizes, len(request.Input))
	}
	if want := []int{rag.MaxBatch, rag.MaxBatch, 5}; !slices.Equal(sizes, want) {
		t.Errorf("batch sizes = %v, want %v", sizes, want)
	}
	// Each text gets its own vector, in order: embedding one text alone gives the same.
	for _, i := range []int{0, rag.MaxBatch, len(texts) - 1} {
		alone, err := testEmbedder(api).Embed(t.Context(), texts[i:i+1])
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(vectors[i], alone[0]) {
			t.Errorf("vector %d differs from the same text embedded alone", i)
		}
	}
}

func TestOpenAIEmbedderFailuresSayWhatToDo(t *testing.T) {
	tests := []struct {
		name          string
		answer        http.HandlerFunc
		wantMessage   string
		wantPermanent bool
	}{
		{"a refused key", testutil.FailWith(401, "Incorrect API key"), "check EMBEDDING_API_KEY", true},
		{"a forbidden key", testutil.FailWith(403, "Forbidden"), "check EMBEDDING_API_KEY", true},
		{"an unknown model", testutil.FailWith(404, "model not found"), "check EMBEDDING_MODEL", true},
		{"a refused request", testutil.FailWith(400, "dimensions is not supported"), "(HTTP 400): dimensions is not supported", true},
		{"a broken service", testutil.FailWith(500, "Internal error"), "(HTTP 500): the documents will be tried again", false},
		{"a proxy's error page", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "<html>Bad Gateway</html>", http.StatusBadGateway)
		}, "(HTTP 502)", false},
		{"a service that quotes the key", testutil.FailWith(400, "bad key "+testutil.FakeEmbeddingsKey), "bad key [EMBEDDING_API_KEY]", true},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			api := testutil.NewFakeEmbeddings(t, 4)
			api.Then(test.answer)
			_, err := testEmbedder(api).Embed(t.Context(), []string{"hello"})
			var problem *rag.EmbeddingError
			if !errors.As(err, &problem) {
				t.Fatalf("err = %v (%T), want an *rag.EmbeddingError", err, err)
			}
			if !strings.Contains(problem.Message, test.wantMessage) || problem.Permanent != test.wantPermanent {
				t.Errorf("err = %q (permanent %v), want %q (permanent %v)", problem.Message, problem.Permanent, test.wantMessage, test.wantPermanent)
			}
			if strings.Contains(err.Error(), testutil.FakeEmbeddingsKey) || strings.Contains(fmt.Sprint(problem.Err), testutil.FakeEmbeddingsKey) {
				t.Errorf("the error shows the API key: %q / %v", err, problem.Err)
			}
		})
	}
}

func TestOpenAIEmbedderReadsRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		header string
		want   time.Duration
	}{
		{"7", 7 * time.Second},
		{" 120 ", 2 * time.Minute},
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0}, // a date gone by: ask again at once
		{"", 0},                       // not said: the job's own backoff decides
		{"soon", 0},                   // not a number nor a date
		{"-5", 0},                     // a negative wait
		{"99999999999999", time.Hour}, // capped
		{now.Add(48 * time.Hour).Format(http.TimeFormat), time.Hour},
	}
	for _, test := range tests {
		t.Run(test.header, func(t *testing.T) {
			api := testutil.NewFakeEmbeddings(t, 4)
			api.TooManyRequestsNext(test.header)
			embedder := testEmbedder(api)
			rag.SetEmbedClock(embedder, func() time.Time { return now })
			_, err := embedder.Embed(t.Context(), []string{"hello"})
			var busy *rag.RetryAfterError
			if !errors.As(err, &busy) {
				t.Fatalf("err = %v (%T), want a *rag.RetryAfterError", err, err)
			}
			if busy.Wait != test.want {
				t.Errorf("Wait = %s, want %s", busy.Wait, test.want)
			}
			if !strings.Contains(err.Error(), "busy") {
				t.Errorf("err = %q, want it to say the service is busy", err)
			}
		})
	}
}

// TestOpenAIEmbedderRefusesHostileAnswers: an answer of status 200 that is not what the API
// promises gives an error, never a vector of the wrong size, a NaN, or a panic.
func TestOpenAIEmbedderRefusesHostileAnswers(t *testing.T) {
	vector := `[0.1, 0.2, 0.3, 0.4]`
	tests := []struct {
		name        string
		body        string
		wantMessage string
	}{
		{"an empty body", ``, "could not be read"},
		{"not JSON", `<html>OK</html>`, "could not be read"},
		{"cut off", `{"data": [{"index": 0, "embedding": [0.1, 0.`, "could not be read"},
		{"no data", `{"object": "list"}`, "could not be read"},
		{"data null", `{"data": null}`, "could not be read"},
		{"data of the wrong type", `{"data": "vectors"}`, "could not be read"},
		{"too few vectors", `{"data": [{"index": 0, "embedding": ` + vector + `}]}`, "could not be read"},
		{"too many vectors", `{"data": [{"index": 0, "embedding": ` + vector + `}, {"index": 1, "embedding": ` + vector + `}, {"index": 2, "embedding": ` + vector + `}]}`, "could not be read"},
		{"a repeated index", `{"data": [{"index": 0, "embedding": ` + vector + `}, {"index": 0, "embedding": ` + vector + `}]}`, "could not be read"},
		{"an index out of range", `{"data": [{"index": 0, "embedding": ` + vector + `}, {"index": 2, "embedding": ` + vector + `}]}`, "could not be read"},
		{"a negative index", `{"data": [{"index": -1, "embedding": ` + vector + `}, {"index": 0, "embedding": ` + vector + `}]}`, "could not be read"},
		{"NaN as a string", `{"data": [{"index": 0, "embedding": ["NaN", 0, 0, 0]}, {"index": 1, "embedding": ` + vector + `}]}`, "could not be read"},
		{"NaN bare", `{"data": [{"index": 0, "embedding": [NaN, 0, 0, 0]}, {"index": 1, "embedding": ` + vector + `}]}`, "could not be read"},
		{"Infinity", `{"data": [{"index": 0, "embedding": [Infinity, 0, 0, 0]}, {"index": 1, "embedding": ` + vector + `}]}`, "could not be read"},
		{"too large for a float32", `{"data": [{"index": 0, "embedding": [1e39, 0, 0, 0]}, {"index": 1, "embedding": ` + vector + `}]}`, "could not be read"},
		{"base64 instead of floats", `{"data": [{"index": 0, "embedding": "AAAA"}, {"index": 1, "embedding": ` + vector + `}]}`, "could not be read"},
		{"a vector too short", `{"data": [{"index": 0, "embedding": [0.1, 0.2]}, {"index": 1, "embedding": [0.1, 0.2]}]}`, "set EMBEDDING_DIMENSIONS=2"},
		{"a vector too long", `{"data": [{"index": 0, "embedding": [1, 2, 3, 4, 5]}, {"index": 1, "embedding": [1, 2, 3, 4, 5]}]}`, "set EMBEDDING_DIMENSIONS=5"},
		{"an empty vector", `{"data": [{"index": 0, "embedding": []}, {"index": 1, "embedding": []}]}`, "makes vectors of 0 numbers"},
		{"a huge body", `{"data": [{"index": 0, "embedding": [` + strings.Repeat("0.123456789, ", 100_000) + `0]}]}`, "could not be read"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			api := testutil.NewFakeEmbeddings(t, 4)
			api.Then(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, test.body)
			})
			vectors, err := testEmbedder(api).Embed(t.Context(), []string{"first", "second"})
			var problem *rag.EmbeddingError
			if !errors.As(err, &problem) {
				t.Fatalf("Embed = %v, %v (%T), want an *rag.EmbeddingError", vectors, err, err)
			}
			if !strings.Contains(problem.Message, test.wantMessage) {
				t.Errorf("err = %q, want %q", problem.Message, test.wantMessage)
			}
		})
	}
}

func TestOpenAIEmbedderGivesUpOnASilentOrMissingService(t *testing.T) {
	t.Run("silent", func(t *testing.T) {
		api := testutil.NewFakeEmbeddings(t, 4)
		release := make(chan struct{})
		defer close(release)
		api.BeforeEach(func([]string) { <-release })
		embedder := testEmbedder(api)
		rag.SetEmbedTimeout(embedder, 50*time.Millisecond)
		_, err := embedder.Embed(t.Context(), []string{"hello"})
		if err == nil || !strings.Contains(err.Error(), "did not answer within 50ms") {
			t.Errorf("err = %v, want it to say the service did not answer", err)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		embedder := rag.NewOpenAIEmbedder("http://127.0.0.1:1/v1", "key", "test/embed", 4)
		_, err := embedder.Embed(t.Context(), []string{"hello"})
		if err == nil || !strings.Contains(err.Error(), "check EMBEDDING_BASE_URL") {
			t.Errorf("err = %v, want it to say to check EMBEDDING_BASE_URL", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		api := testutil.NewFakeEmbeddings(t, 4)
		ctx, cancel := context.WithCancel(t.Context())
		release := make(chan struct{})
		defer close(release)
		api.BeforeEach(func([]string) { cancel(); <-release }) // the app stops while the request waits
		_, err := testEmbedder(api).Embed(ctx, []string{"hello"})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled: stopping is no failure of the service", err)
		}
	})
}
