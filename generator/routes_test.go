package generator

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fastopp/fastopp/scaffolds"
	"github.com/fastopp/fastopp/templates"
)

// TestAddedRoutesAreTheStudents checks that `add page` writes its route into routes.go once,
// leaves a route the student changed alone, refuses a path the student registered by hand, and
// prints the line to paste when the marker is gone instead of changing the file.
func TestAddedRoutesAreTheStudents(t *testing.T) {
	dir := newTestApp(t, DBSQLite)
	routes := filepath.Join(dir, filepath.FromSlash(routesFile))
	add := func(name string) (*Plan, string) {
		t.Helper()
		o := AddPageOptions{AddOptions: AddOptions{Dir: dir}, Name: name}
		a, err := AddPage(t.Context(), templates.FS, scaffolds.FS, o, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(routes)
		return a, string(data)
	}

	_, src := add("about")
	line := `mux.Handle("GET /about", pages.AboutPage(render))`
	if strings.Count(src, line) != 1 || strings.Index(src, line) > strings.Index(src, routesMarker) {
		t.Fatalf("routes.go should hold %s once, above the marker:\n%s", line, src)
	}

	// The student makes the page private, by hand: a later add keeps their line as it is.
	private := strings.Replace(src, line, `mux.Handle("GET /about", accounts.RequireLogin(pages.AboutPage(render)))`, 1)
	if err := os.WriteFile(routes, []byte(private), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, src = add("contact"); !strings.Contains(src, `accounts.RequireLogin(pages.AboutPage(render))`) || !strings.Contains(src, `"GET /contact"`) {
		t.Errorf("add page contact lost the student's line or did not add its own:\n%s", src)
	}

	// A route the student wrote by hand is theirs: adding a page there is refused.
	handWritten := strings.Replace(src, routesMarker, `mux.Handle("GET /faq", pages.Home(render))`+"\n\t"+routesMarker, 1)
	if err := os.WriteFile(routes, []byte(handWritten), 0o644); err != nil {
		t.Fatal(err)
	}
	o := AddPageOptions{AddOptions: AddOptions{Dir: dir}, Name: "faq"}
	if _, err := AddPage(t.Context(), templates.FS, scaffolds.FS, o, io.Discard); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), `"GET /faq"`) {
		t.Errorf("add page faq over a hand-written GET /faq: %v, want a refusal naming it", err)
	}
	src = handWritten

	// Without the marker, routes.go stays as it is and the addition says what to paste.
	unmarked := strings.Replace(src, routesMarker, "// my routes", 1)
	if err := os.WriteFile(routes, []byte(unmarked), 0o644); err != nil {
		t.Fatal(err)
	}
	a, src := add("help")
	if src != unmarked {
		t.Errorf("routes.go without the marker was changed:\n%s", src)
	}
	var out strings.Builder
	a.Print(&out)
	if want := `mux.Handle("GET /help", pages.HelpPage(render))`; !strings.Contains(out.String(), want) || !strings.Contains(out.String(), routesMarker) {
		t.Errorf("the output should say which line to paste (%s) and why:\n%s", want, out.String())
	}
}
