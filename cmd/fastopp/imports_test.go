package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// checkImportGroups fails for every generated Go file whose imports mix the standard
// library with the app's own or third-party packages in one group: goimports keeps the
// standard library in a group of its own, and a template whose trim marker ({{- ... }})
// swallows the blank line between groups makes gofmt sort them together.
func checkImportGroups(t *testing.T, dir string) {
	t.Helper()
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	module := modfile.ModulePath(goMod)
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		for _, problem := range importGroupProblems(t, path, module) {
			t.Errorf("%s: %s", filepath.ToSlash(rel), problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// importGroupProblems lists what is wrong with the import groups of one Go file: a group
// (imports not parted by a blank line) must hold only standard-library packages or only
// others, and the standard library's group comes first.
func importGroupProblems(t *testing.T, path, module string) []string {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	sawOthers := false
	prevLine, prevStd := -1, false
	for i, imp := range file.Imports {
		p := strings.Trim(imp.Path.Value, `"`)
		std := isStandardLibrary(p, module)
		line := fset.Position(imp.Pos()).Line
		sameGroup := i > 0 && line == prevLine+1
		switch {
		case sameGroup && std != prevStd:
			problems = append(problems, "import "+imp.Path.Value+" shares a group with a package of the other kind; part the standard library from the rest with a blank line")
		case std && sawOthers:
			problems = append(problems, "import "+imp.Path.Value+" is from the standard library but comes after other packages")
		}
		if !std {
			sawOthers = true
		}
		prevLine, prevStd = fset.Position(imp.End()).Line, std
	}
	return problems
}

// isStandardLibrary tells a standard-library import path from the app's own and
// third-party ones: only the latter have a dot in their first element, except the
// app's own module, which may be a bare name like "myapp".
func isStandardLibrary(path, module string) bool {
	if path == module || strings.HasPrefix(path, module+"/") {
		return false
	}
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// TestImportGroupsChecker shows the checker catches the mix it is there for.
func TestImportGroupsChecker(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, src string
		problems  int
	}{
		{"good.go", "package x\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\n\t\"myapp/internal/config\"\n\t\"github.com/a/b\"\n)\n", 0},
		{"single.go", "package x\n\nimport \"myapp/internal/config\"\n", 0},
		{"mixed.go", "package x\n\nimport (\n\t\"fmt\"\n\t\"myapp/internal/config\"\n\t\"net/http\"\n)\n", 2},
		{"third.go", "package x\n\nimport (\n\t\"fmt\"\n\t\"github.com/a/b\"\n)\n", 1},
		{"late.go", "package x\n\nimport (\n\t\"myapp/internal/config\"\n\n\t\"fmt\"\n)\n", 1},
		{"blank.go", "package x\n\nimport (\n\t\"fmt\"\n\n\t_ \"embed\"\n\n\t\"myapp/x\"\n)\n", 0},
	}
	for _, c := range cases {
		if got := importGroupProblems(t, write(c.name, c.src), "myapp"); len(got) != c.problems {
			t.Errorf("%s: %d problems %q, want %d", c.name, len(got), got, c.problems)
		}
	}
}
