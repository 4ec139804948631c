package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type releaseConfig struct {
	Builds []struct {
		Main    string   `yaml:"main"`
		Env     []string `yaml:"env"`
		GOOS    []string `yaml:"goos"`
		GOARCH  []string `yaml:"goarch"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
}

// TestReleaseCrossCompiles reads goreleaser.yaml and builds fastopp the way it
// says for Linux and Windows, then runs the Linux binary.
func TestReleaseCrossCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: cross-compiling takes minutes")
	}
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg releaseConfig
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf("want one build in goreleaser.yaml, got %d", len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("release builds must be static: env = %v", b.Env)
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.GOOS, goos) {
			t.Errorf("goos lacks %s", goos)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.GOARCH, arch) {
			t.Errorf("goarch lacks %s", arch)
		}
	}
	ldflags := strings.NewReplacer("{{.Version}}", "1.2.3", "{{.Commit}}", "abc123").Replace(strings.Join(b.Ldflags, " "))
	out := t.TempDir()
	for _, target := range [][2]string{{"linux", "amd64"}, {"windows", "amd64"}} {
		bin := filepath.Join(out, "fastopp-"+target[0])
		env := append(os.Environ(), append(b.Env, "GOOS="+target[0], "GOARCH="+target[1])...)
		args := append([]string{"build", "-o", bin}, b.Flags...)
		args = append(args, "-ldflags", ldflags, "./"+filepath.ToSlash(filepath.Clean(b.Main)))
		if _, err := runIn(repoRoot(t), env, "go", args...); err != nil {
			t.Fatalf("%s/%s: %v", target[0], target[1], err)
		}
	}
	if got, err := runIn(out, os.Environ(), filepath.Join(out, "fastopp-linux"), "version"); err != nil || !strings.Contains(got, "fastopp 1.2.3") || !strings.Contains(got, "commit abc123") {
		t.Errorf("the release binary reports %q (%v), want version 1.2.3 and commit abc123", got, err)
	}
}
