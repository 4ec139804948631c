// The sqlc cache: `fastopp new` renders the same few sets of queries and migrations every
// time (one per database and choice of features), so this binary carries sqlc's output for
// each of them, in sqlccache/<key>.txtar, and writes it instead of running sqlc (a second
// instead of a few milliseconds). The key is a digest of everything sqlc's output depends on;
// any other input (an app after `fastopp add model`, an edited query) misses and runs sqlc.
// TestSQLCCache proves each entry equal to a fresh sqlc run and refreshes them with -update.
package main

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed sqlccache
var sqlcCacheFS embed.FS

// sqlcCacheDir is the folder of the cache, here and in sqlcCacheFS.
const sqlcCacheDir = "sqlccache"

// sqlcModule is the module whose version decides sqlc's output.
const sqlcModule = "github.com/sqlc-dev/sqlc"

// cachedQueries writes sqlc's output for the app in dir from the cache; ok is false when the
// cache does not hold it, and sqlc must run.
func cachedQueries(dir string) (ok bool, err error) {
	key, ok, err := sqlcKey(dir)
	if err != nil || !ok {
		return false, err
	}
	archive, err := sqlcCacheFS.ReadFile(path.Join(sqlcCacheDir, key+".txtar"))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	_, files, err := parseTxtar(archive)
	if err != nil {
		return false, fmt.Errorf("the sqlc cache entry %s is damaged: %w", key, err)
	}
	for _, f := range files {
		dst := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return false, err
		}
		if err := os.WriteFile(dst, f.content, 0o644); err != nil { // the mode sqlc writes
			return false, err
		}
	}
	return true, nil
}

// sqlcKey is a digest of everything sqlc's output for the sqlc.yaml in dir depends on: that
// file, every file it names as schema or queries, the version of sqlc and the Go release
// (sqlc formats its code with go/format). ok is false when the output may depend on more
// (a database sqlc connects to, a plugin) or sqlc's version is unknown: then sqlc runs.
func sqlcKey(dir string) (key string, ok bool, err error) {
	sqlcVersion, ok := sqlcBuildVersion()
	if !ok {
		return "", false, nil
	}
	config, err := os.ReadFile(filepath.Join(dir, "sqlc.yaml"))
	if err != nil {
		return "", false, err
	}
	patterns, ok := sqlcInputPatterns(config)
	if !ok {
		return "", false, nil
	}
	inputs, err := sqlcInputFiles(dir, patterns)
	if err != nil {
		return "", false, err
	}
	h := sha256.New()
	fmt.Fprintf(h, "fastopp sqlc cache 1\n%s\n%s\n", sqlcVersion, goRelease())
	fmt.Fprintf(h, "sqlc.yaml %d\n%s\n", len(config), config)
	for _, name := range inputs {
		content, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return "", false, err
		}
		fmt.Fprintf(h, "%s %d\n%s\n", name, len(content), content)
	}
	return hex.EncodeToString(h.Sum(nil)), true, nil
}

// sqlcBuildVersion is the version and checksum of the sqlc compiled into this binary.
func sqlcBuildVersion() (string, bool) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", false
	}
	for _, dep := range info.Deps {
		if dep.Path != sqlcModule {
			continue
		}
		if dep.Replace != nil {
			dep = dep.Replace
		}
		if dep.Sum == "" { // a local copy: its code may change under the same version
			return "", false
		}
		return dep.Path + " " + dep.Version + " " + dep.Sum, true
	}
	return "", false
}

// goRelease is the Go release without its patch number ("go1.26"): go/format changes only
// between releases.
func goRelease() string {
	v := runtime.Version()
	if parts := strings.Split(v, "."); len(parts) > 2 && strings.HasPrefix(v, "go") {
		return parts[0] + "." + parts[1]
	}
	return v
}

// sqlcInputPatterns reads the schema and queries paths of a version 2 sqlc.yaml; ok is false
// for a configuration with anything else that sqlc's output could depend on.
func sqlcInputPatterns(config []byte) (patterns []string, ok bool) {
	var c struct {
		Version string                 `yaml:"version"`
		SQL     []map[string]yaml.Node `yaml:"sql"`
		Rest    map[string]yaml.Node   `yaml:",inline"`
	}
	if err := yaml.Unmarshal(config, &c); err != nil || c.Version != "2" || len(c.Rest) > 0 {
		return nil, false
	}
	for _, entry := range c.SQL {
		for key, node := range entry {
			switch key {
			case "engine", "gen", "name":
			case "schema", "queries":
				var paths []string
				if node.Kind == yaml.ScalarNode {
					paths = []string{node.Value}
				} else if err := node.Decode(&paths); err != nil {
					return nil, false
				}
				patterns = append(patterns, paths...)
			default: // database, analyzer, codegen plugins, rules: not cached
				return nil, false
			}
		}
	}
	return patterns, len(patterns) > 0
}

// sqlcInputFiles lists, as sqlc does, the files that the patterns name (a file, a folder's
// files, or a glob), relative to dir with forward slashes, sorted and without repeats.
func sqlcInputFiles(dir string, patterns []string) ([]string, error) {
	var names []string
	for _, pattern := range patterns {
		full := filepath.Join(dir, filepath.FromSlash(pattern))
		matches := []string{full}
		if strings.ContainsAny(pattern, "*?[]") {
			var err error
			if matches, err = filepath.Glob(full); err != nil {
				return nil, err
			}
		}
		for _, m := range matches {
			info, err := os.Stat(m)
			if err != nil {
				return nil, fmt.Errorf("sqlc.yaml names %s: %w", pattern, err)
			}
			files := []string{m}
			if info.IsDir() {
				entries, err := os.ReadDir(m)
				if err != nil {
					return nil, err
				}
				files = files[:0]
				for _, e := range entries {
					if !e.IsDir() {
						files = append(files, filepath.Join(m, e.Name()))
					}
				}
			}
			for _, f := range files {
				rel, err := filepath.Rel(dir, f)
				if err != nil {
					return nil, err
				}
				names = append(names, filepath.ToSlash(rel))
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// cachedFile is one file of a cache entry.
type cachedFile struct {
	path    string
	content []byte
}

// The cache entries are txtar archives (the format of Go's own tests): a comment, then each
// file after a line "-- path --".
const (
	txtarOpen  = "-- "
	txtarClose = " --"
)

// formatTxtar writes a cache entry; it refuses content the format could not read back.
func formatTxtar(comment string, files []cachedFile) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(comment)
	for _, f := range files {
		if len(f.content) > 0 && !bytes.HasSuffix(f.content, []byte("\n")) {
			return nil, fmt.Errorf("%s does not end with a new line", f.path)
		}
		for _, line := range strings.Split(string(f.content), "\n") {
			if isTxtarMarker(line) {
				return nil, fmt.Errorf("%s has a line that reads as a file marker: %q", f.path, line)
			}
		}
		fmt.Fprintf(&b, "%s%s%s\n", txtarOpen, f.path, txtarClose)
		b.Write(f.content)
	}
	return b.Bytes(), nil
}

// parseTxtar reads a cache entry back.
func parseTxtar(data []byte) (comment string, files []cachedFile, err error) {
	lines := strings.SplitAfter(string(data), "\n")
	var current *cachedFile
	var text strings.Builder
	flush := func() {
		if current == nil {
			comment = text.String()
		} else {
			current.content = []byte(text.String())
			files = append(files, *current)
		}
		text.Reset()
	}
	for _, line := range lines {
		if bare := strings.TrimSuffix(line, "\n"); isTxtarMarker(bare) {
			flush()
			current = &cachedFile{path: bare[len(txtarOpen) : len(bare)-len(txtarClose)]}
			continue
		}
		text.WriteString(line)
	}
	flush()
	if len(files) == 0 {
		return "", nil, errors.New("no files")
	}
	return comment, files, nil
}

func isTxtarMarker(line string) bool {
	return len(line) > len(txtarOpen)+len(txtarClose) && strings.HasPrefix(line, txtarOpen) && strings.HasSuffix(line, txtarClose)
}
