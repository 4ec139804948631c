package main

import (
	"path/filepath"
	"testing"
)

// BenchmarkNewDefaultApp is `fastopp new myapp --skip-tidy --skip-assets` end to
// end: render, write through the staging directory and run sqlc. No module
// downloads and no npm.
func BenchmarkNewDefaultApp(b *testing.B) {
	benchmarkNew(b, scenarios[0])
}

// BenchmarkNewPostgresApp is the same for --db postgres, whose sqlc parser runs
// as WebAssembly.
func BenchmarkNewPostgresApp(b *testing.B) {
	benchmarkNew(b, scenarios[1])
}

func benchmarkNew(b *testing.B, sc scenario) {
	for b.Loop() {
		generate(b, sc, filepath.Join(b.TempDir(), "myapp"), "--skip-tidy", "--skip-assets")
	}
}
