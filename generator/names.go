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
