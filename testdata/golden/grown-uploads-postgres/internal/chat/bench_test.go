// Benchmarks for the chat through the whole app, against the fake API of fakeapi_test.go (figures in the README of
// fastopp, docs/benchmarks.md). Run them with:
//
//	go test ./internal/chat -run '^$' -bench . -benchtime 1x
//
// BenchmarkConcurrentStreams opens 1,000 streams; it needs a few thousand file descriptors.

package chat_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"myapp/internal/config"
)

// noLimits turns the per-user limits off: the benchmarks ask many questions quickly.
func noLimits(cfg *config.Config) {
	cfg.ChatRequestsPerMinute, cfg.ChatTokensPerDay = 0, 0
}

// percentile returns the p-th percentile (0 to 100) of durations, which it sorts.
func percentile(durations []time.Duration, p float64) time.Duration {
	slices.Sort(durations)
	return durations[int(float64(len(durations)-1)*p/100)]
}

// firstLine reads resp's body until a line starts with prefix, and returns how long after
// start that was.
func firstLine(b *testing.B, resp *http.Response, prefix string, start time.Time) time.Duration {
	lines := bufio.NewScanner(resp.Body)
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), prefix) {
			return time.Since(start)
		}
	}
	b.Fatalf("no line starting %q in the answer", prefix)
	return 0
}

// BenchmarkTimeToFirstToken compares, request by request, the time to the first token when
// a client calls the fake API directly and when it calls POST /api/chat, which checks the
// limits, saves the question and relays. The difference is what the relay adds.
func BenchmarkTimeToFirstToken(b *testing.B) {
	api := newFakeAPI(b, answerWith("Hello", " there."))
	tc := newTestChat(b, testProvider(api, time.Minute), noLimits)
	body := `{"model":"test/model","stream":true,"messages":[{"role":"user","content":"Hi"}]}`
	client := &http.Client{}

	var direct, relayed []time.Duration
	for b.Loop() {
		start := time.Now()
		req, _ := http.NewRequest(http.MethodPost, api.url()+"/chat/completions", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testAPIKey)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		direct = append(direct, firstLine(b, resp, `data: {"choices`, start))
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()

		start = time.Now()
		resp = tc.post(context.Background(), map[string]any{"message": "Hi"})
		relayed = append(relayed, firstLine(b, resp, "event: token", start))
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	directP50, relayedP50 := percentile(direct, 50), percentile(relayed, 50)
	b.ReportMetric(float64(directP50.Microseconds()), "µs-direct-p50")
	b.ReportMetric(float64(relayedP50.Microseconds()), "µs-relay-p50")
	b.ReportMetric(float64((relayedP50 - directP50).Microseconds()), "µs-added-p50")
	b.ReportMetric(float64((percentile(relayed, 99) - percentile(direct, 99)).Microseconds()), "µs-added-p99")
}

// BenchmarkStopReachesTheAPI measures how long after a client closes its connection the
// fake API sees its request end.
func BenchmarkStopReachesTheAPI(b *testing.B) {
	cancelled := make(chan time.Time)
	api := newFakeAPI(b, func(w http.ResponseWriter, r *http.Request) {
		startStream(w)
		sendChunk(w, "Thinking", "")
		<-r.Context().Done()
		cancelled <- time.Now()
	})
	tc := newTestChat(b, testProvider(api, time.Minute), noLimits)

	var delays []time.Duration
	for b.Loop() {
		ctx, stop := context.WithCancel(context.Background())
		resp := tc.post(ctx, map[string]any{"message": "Hi"})
		firstLine(b, resp, "event: token", time.Now())
		stopped := time.Now()
		stop()
		delays = append(delays, (<-cancelled).Sub(stopped))
	}
	b.ReportMetric(float64(percentile(delays, 50).Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(percentile(delays, 99).Microseconds())/1000, "ms-p99")
}

// BenchmarkConcurrentStreams holds 1,000 streams open in one process (the relay, the fake API
// and the clients), first idle and then with every stream getting a token each 100ms, and
// measures /healthz meanwhile. Memory per idle stream is the relay's own: the memory of
// 1,000 streams through it less that of 1,000 straight to the fake API.
func BenchmarkConcurrentStreams(b *testing.B) {
	const streams = 1000
	for b.Loop() {
		direct := openStreams(b, streams, false)
		withRelay := openStreams(b, streams, true)
		b.ReportMetric(float64(withRelay.idleBytes-direct.idleBytes)/streams/1024, "KiB/idle-stream")
		b.ReportMetric(float64(withRelay.healthP99.Microseconds())/1000, "ms-healthz-p99")
		b.ReportMetric(float64(withRelay.healthP50.Microseconds())/1000, "ms-healthz-p50")
		b.ReportMetric(float64(withRelay.tokens), "tokens-relayed")
	}
}

// memoryInUse returns the bytes of heap and goroutine stacks in use, after two garbage
// collections: the second empties the pools (sync.Pool) where net/http keeps spare buffers.
func memoryInUse() int64 {
	runtime.GC()
	runtime.GC()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	return int64(stats.HeapInuse + stats.StackInuse)
}

// streamLoad is what openStreams measured.
type streamLoad struct {
	idleBytes            int64         // heap and stacks in use with every stream open and idle
	healthP50, healthP99 time.Duration // of /healthz while every stream was busy
	tokens               int64         // token events the clients read
}

// openStreams opens n streams through the relay (or straight to the fake API), waits until
// each has its first token, measures the memory, then has the API send a token every 100ms
// to each and times requests to /healthz for two seconds.
func openStreams(b *testing.B, n int, relay bool) streamLoad {
	busy := make(chan struct{})
	api := newFakeAPI(b, func(w http.ResponseWriter, r *http.Request) {
		startStream(w)
		sendChunk(w, "first", "")
		select {
		case <-busy:
		case <-r.Context().Done():
			return
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				sendChunk(w, " more", "")
			case <-r.Context().Done():
				return
			}
		}
	})
	tc := newTestChat(b, testProvider(api, time.Minute), noLimits)
	transport := &http.Transport{MaxIdleConnsPerHost: n}
	client := &http.Client{Transport: transport}
	defer transport.CloseIdleConnections()

	ctx, stopAll := context.WithCancel(context.Background())
	defer stopAll()
	open := func() (*http.Response, error) {
		if relay {
			return client.Do(tc.request(ctx, tc.ada, strings.NewReader(`{"message":"Hi"}`)))
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, api.url()+"/chat/completions",
			strings.NewReader(`{"model":"test/model","stream":true,"messages":[{"role":"user","content":"Hi"}]}`))
		req.Header.Set("Authorization", "Bearer "+testAPIKey)
		return client.Do(req)
	}
	prefix := "event: token"
	if !relay {
		prefix = `data: {"choices`
	}

	before := memoryInUse()

	// Open the streams 50 at a time (a burst of 1,000 new conversations at once would only
	// measure the database), keeping each one's body to read later.
	var load streamLoad
	var readers sync.WaitGroup
	bodies := make(chan *bufio.Scanner, n)
	for batch := 0; batch < n; batch += 50 {
		var opened sync.WaitGroup
		for range 50 {
			opened.Go(func() {
				resp, err := open()
				if err != nil {
					b.Error(err)
					return
				}
				lines := bufio.NewScanner(resp.Body)
				for lines.Scan() && !strings.HasPrefix(lines.Text(), prefix) {
				}
				bodies <- lines
			})
		}
		opened.Wait()
	}
	close(bodies)

	load.idleBytes = memoryInUse() - before

	// Every stream gets busy; its reader counts the tokens.
	close(busy)
	var tokens atomic.Int64
	for lines := range bodies {
		readers.Go(func() {
			for lines.Scan() {
				if strings.HasPrefix(lines.Text(), prefix) {
					tokens.Add(1)
				}
			}
		})
	}
	for tokens.Load() < int64(n) { // until the streams are busy: about one token each
		time.Sleep(time.Millisecond)
	}
	// /healthz, one request after another, for at least two seconds of busy streams.
	var latencies []time.Duration
	for begin := time.Now(); len(latencies) < 1000 || time.Since(begin) < 2*time.Second; {
		start := time.Now()
		resp, err := client.Get(tc.url + "/healthz")
		if err != nil {
			b.Fatal(err)
		}
		var health struct{ Status string }
		json.NewDecoder(resp.Body).Decode(&health)
		resp.Body.Close()
		if health.Status != "ok" {
			b.Fatal(fmt.Errorf("/healthz said %q", health.Status))
		}
		latencies = append(latencies, time.Since(start))
	}
	load.healthP50, load.healthP99 = percentile(latencies, 50), percentile(latencies, 99)
	stopAll()
	readers.Wait()
	load.tokens = tokens.Load()
	return load
}
