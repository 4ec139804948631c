package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkNewDefaultApp is `fastopp new myapp --skip-tidy --skip-assets` end to
// end: render, write through the staging directory, write sqlc's code from the cache
// (sqlccache.go). No module downloads and no npm.
func BenchmarkNewDefaultApp(b *testing.B) {
	benchmarkNew(b, scenarios[0])
}

// BenchmarkNewPostgresApp is the same for --db postgres (whose sqlc parser, were the
// cache to miss, runs as WebAssembly).
func BenchmarkNewPostgresApp(b *testing.B) {
	benchmarkNew(b, scenarios[1])
}

func benchmarkNew(b *testing.B, sc scenario) {
	for b.Loop() {
		generate(b, sc, filepath.Join(b.TempDir(), "myapp"), "--skip-tidy", "--skip-assets")
	}
}

// BenchmarkAddModel is `fastopp add model` with six fields, a reference and --pages in a
// default app, sqlc included (the aim is about a second). A fresh app is made for each run,
// outside the timer.
func BenchmarkAddModel(b *testing.B) {
	benchmarkAddModel(b, scenarios[0])
}

// BenchmarkAddModelPostgres is the same in a --db postgres app.
func BenchmarkAddModelPostgres(b *testing.B) {
	benchmarkAddModel(b, scenarios[1])
}

func benchmarkAddModel(b *testing.B, sc scenario) {
	args := []string{"add", "model", "Book", "title:string", "pages:int", "published:bool:index",
		"owner:references:users", "summary:text:optional", "released:date", "--pages", "--dir"}
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "myapp")
		generate(b, sc, dir, "--skip-tidy", "--skip-assets")
		b.StartTimer()
		if _, stderr, err := execute(b, environment{}, append(args, dir)...); err != nil {
			b.Fatalf("%v\n%s", err, stderr)
		}
	}
}

// BenchmarkHealthzDuringLogins measures /healthz latency on the default app while
// 20 clients log in through POST /api/auth/token as fast as they can. Password
// hashing is bounded, so the burst must not starve other requests (aim: p99
// under 25 ms). Run with a fixed count so the percentiles mean something:
//
//	go test ./cmd/fastopp -run '^$' -bench HealthzDuringLogins -benchtime 1000x
func BenchmarkHealthzDuringLogins(b *testing.B) {
	const loggers = 20
	app := appFor(b, scenarios[0])
	srv := startServer(b, app, scenarios[0])
	defer srv.stop()
	const email, password = "bench@example.com", "correct horse battery staple"
	srv.manage(b, app, password+"\n", "createsuperuser", "--email", email, "--password-stdin")

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * loggers}}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var logins, failures atomic.Int64
	body := fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)
	for range loggers {
		wg.Go(func() {
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, "POST", srv.base+"/api/auth/token", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					logins.Add(1)
				} else {
					failures.Add(1)
				}
			}
		})
	}
	time.Sleep(time.Second) // let the burst build up

	var latencies []time.Duration
	started, loginsBefore := time.Now(), logins.Load()
	for b.Loop() {
		t0 := time.Now()
		resp, err := client.Get(srv.base + "/healthz")
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		latencies = append(latencies, time.Since(t0))
	}
	elapsed := time.Since(started)
	cancel()
	wg.Wait()

	if logins.Load() == 0 {
		b.Fatalf("no login succeeded (%d failed): the benchmark measured no load", failures.Load())
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(logins.Load()-loginsBefore)/elapsed.Seconds(), "logins/s")
}
