// The routes of what `fastopp add` adds go into the student's own internal/server/routes.go,
// above a marker line, so that each route is one line the student can change (wrap it in
// accounts.RequireLogin to make a page private). A route written there by hand is a conflict;
// when the marker is gone, nothing is changed and fastopp prints the lines to paste instead.
// The Go of those lines is written in scaffolds/snippets.tmpl; this file passes it data.
package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// routesFile is the app's file of routes, and routesMarker the line above which `add` writes.
const (
	routesFile   = "internal/server/routes.go"
	routesMarker = "// fastopp add puts the routes of new pages and models above this line."
)

// routeLines are the lines that register what one `add` adds, and the imports they need.
type routeLines struct {
	lines   []string // Go statements, one per line
	imports []string // import paths routes.go must have
}

// pageRoutes registers a page made by `fastopp add page`: the snippet "pageRoutes".
func pageRoutes(scaffolds fs.FS, p Page) func([]byte) (routeLines, error) {
	return func([]byte) (routeLines, error) {
		lines, err := routeSnippet(scaffolds, "pageRoutes", map[string]any{"p": p})
		return routeLines{lines: lines}, err
	}
}

// modelRoutes registers the public pages of a model made with `fastopp add model --pages`
// (the snippet "modelRoutes"), in routes.go as it is now (src): its variable is renamed when
// routes.go already uses the name.
func modelRoutes(scaffolds fs.FS, m *Model, module string) func(src []byte) (routeLines, error) {
	return func(src []byte) (routeLines, error) {
		local := m.Local()
		if regexp.MustCompile(`\b` + local + `\b`).Match(src) {
			local += "Pages"
		}
		lines, err := routeSnippet(scaffolds, "modelRoutes", map[string]any{
			"m": m, "local": local, "statements": !bytes.Contains(src, []byte("statements :=")),
		})
		return routeLines{lines: lines, imports: []string{module + "/internal/services"}}, err
	}
}

// routeSnippet renders the snippet called name of scaffolds/snippets.tmpl with data: Go
// statements, one per line.
func routeSnippet(scaffolds fs.FS, name string, data any) ([]string, error) {
	snippets, err := fs.ReadFile(scaffolds, "snippets.tmpl")
	if err != nil {
		return nil, err
	}
	text, err := Execute("routes", `{{ template "`+name+`" . }}`, string(snippets), data)
	if err != nil {
		return nil, fmt.Errorf("scaffolds/snippets.tmpl: %w", err)
	}
	return strings.Split(strings.TrimSpace(string(text)), "\n"), nil
}

// registeredPattern finds the pattern a line of routes.go registers, such as "GET /books".
var registeredPattern = regexp.MustCompile(`"((?:GET|POST|PUT|PATCH|DELETE) /[^"]*)"`)

// addRoutes writes the lines that routesOf makes from routes.go as it is now (nil when it is
// gone) into routes.go above the marker, as one more file of the addition. When routes.go
// registers one of the patterns already, the addition is refused; when it has no marker or
// cannot be read as Go, the addition says which lines to paste (see Plan.Print).
func (add *Plan) addRoutes(routesOf func(src []byte) (routeLines, error)) error {
	src, err := os.ReadFile(filepath.Join(add.Root, filepath.FromSlash(routesFile)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	r, err := routesOf(src)
	if err != nil {
		return err
	}
	if src == nil {
		add.paste(r, routesFile+" is gone")
		return nil
	}
	for _, line := range r.lines {
		if m := registeredPattern.FindStringSubmatch(line); m != nil && bytes.Contains(src, []byte(`"`+m[1]+`"`)) {
			// Written by hand (fastopp.json would have refused one fastopp added): two
			// registrations of one pattern make the server panic at start.
			add.Conflicts = append(add.Conflicts, Conflict{Path: routesFile, Problem: fmt.Sprintf("%s already registers %q: choose another path, or remove that route first", routesFile, m[1])})
			return nil
		}
	}
	updated, ok := insertRoutes(src, r.lines, r.imports)
	if !ok {
		add.paste(r, routesFile+" lacks the marker line ("+routesMarker+")")
		return nil
	}
	file := File{Path: routesFile, Content: updated, Mode: 0o644}
	last := len(add.Files) - 1 // the manifest stays last
	add.Files = append(add.Files[:last], file, add.Files[last])
	add.Changed = append(add.Changed, routesFile)
	return nil
}

// insertRoutes returns src with lines above the marker and each import added, formatted; false
// when the marker is missing or the result is not Go.
func insertRoutes(src []byte, lines, imports []string) ([]byte, bool) {
	text := string(src)
	at := strings.Index(text, routesMarker)
	if at < 0 {
		return nil, false
	}
	start := strings.LastIndex(text[:at], "\n") + 1
	indent := text[start:at]
	var block strings.Builder
	block.WriteString("\n") // a blank line before each addition, as between the features' routes
	for _, line := range lines {
		block.WriteString(indent + line + "\n")
	}
	block.WriteString("\n")
	text = strings.TrimRight(text[:start], "\n\t ") + "\n" + block.String() + text[start:]
	for _, path := range imports {
		quoted := fmt.Sprintf("%q", path)
		if strings.Contains(text, quoted) {
			continue
		}
		open := strings.Index(text, "import (")
		if open < 0 {
			return nil, false
		}
		// The app's own imports are the last group, so the new one joins them before ")".
		end := open + strings.Index(text[open:], "\n)")
		text = text[:end] + "\n\t" + quoted + text[end:]
	}
	formatted, err := format.Source([]byte(text))
	return formatted, err == nil
}

// paste records, for a routes.go fastopp cannot change, the lines the student adds by hand.
func (add *Plan) paste(r routeLines, why string) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, so add these lines to addRoutes in it yourself:\n", why)
	for _, line := range r.lines {
		fmt.Fprintf(&b, "      %s\n", line)
	}
	for _, path := range r.imports {
		fmt.Fprintf(&b, "    and %q to its imports, if it is not there\n", path)
	}
	add.Notes = append(add.Notes, strings.TrimRight(b.String(), "\n"))
}
