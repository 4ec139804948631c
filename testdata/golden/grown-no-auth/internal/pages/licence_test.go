// Tests for the licence page: the app's licence, the libraries read from the binary, and
// the npm packages fastopp pinned.

package pages_test

import (
	"net/http"
	"runtime/debug"
	"strings"
	"testing"
)

func TestLicencePageListsTheLibraries(t *testing.T) {
	site, _ := newSite(t)
	resp, body := site.Get("/demo/licence")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	want := []string{
		"MIT License", "Copyright (c) the authors of myapp",
		`>@alpinejs/csp</a></td>`, `<td>3.17.4</td>`,
		`>@tailwindcss/browser</a></td>`, `<td>4.3.4</td>`,
		`>@tailwindcss/cli</a></td>`, `<td>4.3.5</td>`,
		`>daisyui</a></td>`, `<td>5.8.1</td>`,
		`>htmx.org</a></td>`, `<td>2.0.11</td>`,
		`>tailwindcss</a></td>`, `<td>4.3.5</td>`,
	}
	// The Go modules are those of the running binary. A test binary records none (the
	// integration test in fastopp's cmd/fastopp reads the page of a real build), but it
	// has a Go version.
	if info, ok := debug.ReadBuildInfo(); ok {
		want = append(want, `<span id="go-version">`+info.GoVersion+`</span>`)
		for _, m := range info.Deps {
			want = append(want, m.Path)
		}
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("the licence page lacks %s", w)
		}
	}
}
