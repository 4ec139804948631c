// Tests for goModules, with build information made up for the test: a test binary records
// no modules of its own.

package pages

import (
	"runtime/debug"
	"slices"
	"testing"
)

func TestGoModulesShowsWhatWasCompiledIn(t *testing.T) {
	info := &debug.BuildInfo{Deps: []*debug.Module{
		{Path: "example.com/plain", Version: "v1.2.3"},
		{Path: "example.com/forked", Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v1.0.1"}},
		{Path: "example.com/local", Version: "v0.1.0", Replace: &debug.Module{Path: "../local"}},
	}}
	want := []Library{
		{Name: "example.com/plain", Version: "v1.2.3", LicenceURL: "https://pkg.go.dev/example.com/plain@v1.2.3?tab=licenses"},
		{Name: "example.com/fork", Version: "v1.0.1", LicenceURL: "https://pkg.go.dev/example.com/fork@v1.0.1?tab=licenses"},
		{Name: "../local"}, // a folder on the machine that built it: no version, no page
	}
	if got := goModules(info); !slices.Equal(got, want) {
		t.Errorf("goModules =\n%v\nwant\n%v", got, want)
	}
}
