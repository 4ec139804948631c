// Checks for the names a user types: app names and Go module paths.
// Every error says what to type instead.
package generator

import (
	"fmt"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/mod/module"
)

var appNamePattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_-]*$`)

// standardRoots are the first path elements of Go's standard library. A module
// path without a dot that starts with one of them would hide those packages.
var standardRoots = []string{
	"archive", "bufio", "builtin", "bytes", "cmp", "cmd", "compress", "container", "context",
	"crypto", "database", "debug", "embed", "encoding", "errors", "expvar", "flag", "fmt", "go",
	"hash", "html", "image", "index", "internal", "io", "iter", "log", "maps", "math", "mime",
	"net", "os", "path", "plugin", "reflect", "regexp", "runtime", "slices", "sort", "strconv",
	"strings", "structs", "sync", "syscall", "testing", "text", "time", "unicode", "unique",
	"unsafe", "vendor", "weak", "std", "all", "example", "test",
}

// ValidateAppName checks the NAME of `fastopp new NAME`: it becomes a directory
// name and, by default, the Go module path.
func ValidateAppName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("the app needs a name: fastopp new myapp")
	case strings.Contains(name, "..") || strings.ContainsAny(name, `/\`):
		return fmt.Errorf("app name %q must be a plain name, not a path: use --dir to choose where it is written, e.g. fastopp new myapp --dir %s", name, name)
	case token.IsKeyword(name):
		return fmt.Errorf("app name %q is a Go keyword: choose another name, e.g. %s-app", name, name)
	case !appNamePattern.MatchString(name):
		return fmt.Errorf("app name %q may hold only letters, digits, - and _, and must start with a letter: e.g. %s", name, suggestName(name))
	}
	return nil
}

// ValidateModulePath checks a Go module path such as example.com/myapp.
func ValidateModulePath(path string) error {
	if path == "" {
		return fmt.Errorf("the module path is empty: use --module example.com/myapp")
	}
	if err := module.CheckImportPath(path); err != nil {
		return fmt.Errorf("module path %q is not valid (%v): use something like example.com/myapp", path, err)
	}
	first, _, _ := strings.Cut(path, "/")
	if !strings.Contains(first, ".") && slices.Contains(standardRoots, first) {
		return fmt.Errorf("module path %q clashes with Go's standard library: use --module example.com/%s", path, path)
	}
	return nil
}

// suggestName turns an invalid name into a valid one to offer instead.
func suggestName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9' && b.Len() > 0:
			b.WriteRune(r)
		case (r == '-' || r == '_' || r == ' ' || r == '.') && b.Len() > 0:
			b.WriteRune('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "myapp"
	}
	return s
}

// didYouMean returns " (did you mean X?)" for the candidate nearest to typed, when it is near
// enough to be a slip of the fingers (strng, optinal, chta), and "" otherwise.
func didYouMean(typed string, candidates []string) string {
	best, bestDistance := "", 0
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(typed), c); best == "" || d < bestDistance {
			best, bestDistance = c, d
		}
	}
	// One slip in a short word, two in a longer one: more would suggest words unlike typed.
	if best == "" || best == typed || bestDistance > max(1, min(2, len(best)/3)) {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// editDistance is the number of letters to insert, delete, replace or swap with the next one
// to turn a into b (the optimal string alignment distance).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance between the first i letters of a and the first j of b.
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1) // two letters swapped: strnig
			}
		}
	}
	return d[len(ra)][len(rb)]
}
