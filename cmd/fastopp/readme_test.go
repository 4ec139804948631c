package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestReadmeSnippetsRun applies what the app's README shows to apps made by fastopp, as a
// student would, then builds and serves them. The lines of the "readme:private" snippet replace
// the lines of routes.go that register the same patterns, pages that `fastopp add` wrote
// included: each page must then send a visitor to /login and serve a logged-in user. In a grown
// app, the About page's test must then fail until the "readme:private-test" snippet makes it log
// in, and the "readme:rule" snippet goes into the book service's ValidateBook: the admin must then
// refuse such a book (422, with the message, nothing saved) when it is added and when it is changed.
func TestReadmeSnippetsRun(t *testing.T) {
	for _, name := range []string{"default", "grown", "grown-postgres"} {
		var sc scenario
		for _, s := range scenarios {
			if s.name == name {
				sc = s
			}
		}
		t.Run(name, func(t *testing.T) {
			if testing.Short() {
				t.Skip("-short: skipping generated-app builds")
			}
			env := os.Environ()
			if sc.db == "postgres" {
				env = append(env, "TEST_DATABASE_URL="+postgresURL(t))
			}
			app := &builtApp{dir: filepath.Join(t.TempDir(), "myapp"), env: env}
			app.bin = filepath.Join(t.TempDir(), "server")
			if runtime.GOOS == "windows" {
				app.bin += ".exe"
			}
			if err := generateErr(t, sc, app.dir, "--skip-assets", "--skip-build"); err != nil {
				t.Fatal(err)
			}
			readme := readFile(t, filepath.Join(app.dir, "README.md"))
			paths := makePrivate(t, app.dir, snippet(t, readme, "readme:private"))
			grown := sc.adds != nil
			if grown {
				addRule(t, app.dir, snippet(t, readme, "readme:rule"))
				privatePageTestLogsIn(t, app.dir, env, snippet(t, readme, "readme:private-test"))
			}
			if _, err := runIn(app.dir, env, "go", "build", "-o", app.bin, "."); err != nil {
				t.Fatal(err)
			}
			srv := startServer(t, app, sc)
			defer srv.stop()
			const password = "a long enough password"
			srv.manage(t, app, password, "createsuperuser", "--email", "teacher@example.com", "--password-stdin")
			srv.manage(t, app, password, "users", "create", "student@example.com", "--password-stdin")
			staff, student, visitor := newHTTPBrowser(t, srv.base), newHTTPBrowser(t, srv.base), newHTTPBrowser(t, srv.base)
			staff.expect("POST", "/login", url.Values{"email": {"teacher@example.com"}, "password": {password}}, http.StatusSeeOther, "")
			student.expect("POST", "/login", url.Values{"email": {"student@example.com"}, "password": {password}}, http.StatusSeeOther, "")

			want, id := []string{"/", "/notes"}, ""
			if grown {
				want = append(want, "/about", "/books", "/books/{id}")
				id = refusedByTheRule(t, staff)
			}
			for _, pattern := range want {
				if !strings.Contains(paths, "\n"+pattern+"\n") {
					t.Errorf("the README's snippet did not apply to %s (applied: %s)", pattern, strings.Fields(paths))
					continue
				}
				p := strings.ReplaceAll(pattern, "{id}", id)
				resp, _ := visitor.do("GET", p, nil)
				if location := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(location, "/login?next=") {
					t.Errorf("a visitor at %s: %d to %q, want 303 to /login?next=...", p, resp.StatusCode, location)
				}
				student.expect("GET", p, nil, http.StatusOK, "")
			}
		})
	}
}

// snippet returns the code block of the README between <!-- name --> and the next <!-- end -->.
func snippet(t *testing.T, readme, name string) string {
	t.Helper()
	m := regexp.MustCompile("(?s)<!-- " + regexp.QuoteMeta(name) + " -->\\s*```go\n(.*?)```\\s*<!-- end -->").FindStringSubmatch(readme)
	if m == nil {
		t.Fatalf("the README has no Go snippet marked <!-- %s -->", name)
	}
	return m[1]
}

var routeLinePattern = regexp.MustCompile(`^mux\.Handle(?:Func)?\("(?:GET|POST) ([^"]+)"`)

// makePrivate replaces each route of routes.go that a line of the snippet registers with that
// line, and returns the paths it made private, one per line.
func makePrivate(t *testing.T, dir, code string) string {
	t.Helper()
	file := filepath.Join(dir, "internal", "server", "routes.go")
	routes := strings.Split(readFile(t, file), "\n")
	applied := "\n"
	for _, line := range strings.Split(strings.TrimSpace(code), "\n") {
		m := routeLinePattern.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("the README's snippet holds a line that is not a route: %s", line)
		}
		for i, old := range routes {
			if strings.Contains(old, `"GET `+m[1]+`"`) {
				routes[i] = "\t" + line
				applied += strings.TrimSuffix(m[1], "{$}") + "\n"
			}
		}
	}
	writeFile(t, file, strings.Join(routes, "\n"))
	return applied
}

// privatePageTestLogsIn checks the README's word on the test of a page made private: the About
// page's test, once the page is private, fails; with its first line replaced by the snippet (and
// the import of auth the README names), it passes.
func privatePageTestLogsIn(t *testing.T, dir string, env []string, code string) {
	t.Helper()
	const first = "\tsite, _ := newSite(t) // the whole app, with the page's route in routes.go\n"
	run := []string{"test", "-count=1", "-run", "^TestAboutPage$", "./internal/pages"}
	if out, err := runIn(dir, env, "go", run...); err == nil || !strings.Contains(out, "status 303") {
		t.Errorf("the About page's test, once the page is private: %v, want it to fail with the redirect (303)\n%s", err, out)
	}
	file := filepath.Join(dir, "internal", "pages", "about_test.go")
	src := readFile(t, file)
	if !strings.Contains(src, first) || !strings.Contains(src, "\n)\n") {
		t.Fatalf("%s does not start its test with %q:\n%s", file, first, src)
	}
	lines := "\t" + strings.ReplaceAll(strings.TrimSpace(code), "\n", "\n\t") + "\n"
	module := strings.Fields(readFile(t, filepath.Join(dir, "go.mod")))[1] // module myapp
	src = strings.Replace(strings.Replace(src, first, lines, 1), "\n)\n", "\n\t\""+module+"/internal/auth\"\n)\n", 1)
	writeFile(t, file, src)
	if out, err := runIn(dir, env, "go", run...); err != nil {
		t.Errorf("the About page's test, logging in as the README shows: %v\n%s", err, out)
	}
}

// addRule puts the snippet at the end of ValidateBook, before it returns the problems.
func addRule(t *testing.T, dir, code string) {
	t.Helper()
	file := filepath.Join(dir, "internal", "services", "books.go")
	src := readFile(t, file)
	start := strings.Index(src, "func ValidateBook(")
	end := strings.Index(src[max(start, 0):], "\treturn problems.orNil()")
	if start < 0 || end < 0 {
		t.Fatalf("%s has no ValidateBook ending in return problems.orNil():\n%s", file, src)
	}
	at := start + end
	writeFile(t, file, src[:at]+"\t"+strings.ReplaceAll(strings.TrimSpace(code), "\n", "\n\t")+"\n"+src[at:])
}

// refusedByTheRule adds a book through the admin, then checks that the README's rule refuses
// an untitled book in the admin, added or changed, also when several are sent at once. It
// returns the id of the book that was saved.
func refusedByTheRule(t *testing.T, staff *httpBrowser) string {
	t.Helper()
	author := staff.created("/admin/authors/new", url.Values{"name": {"Ursula K. Le Guin"}})
	owner := staff.firstRow("/admin/users?q=" + url.QueryEscape("teacher@example.com"))
	book := url.Values{
		"title": {"The Dispossessed"}, "pages": {"387"}, "author_id": {author}, "owner_id": {owner},
		"released": {"1974-05-01"}, "rating": {"4.5"},
	}
	id := staff.created("/admin/books/new", book)

	untitled := url.Values{}
	for k, v := range book {
		untitled[k] = v
	}
	untitled.Set("title", "Untitled")
	const message = "give the book a real title"
	staff.expect("POST", "/admin/books/new", untitled, http.StatusUnprocessableEntity, message)
	staff.expect("POST", "/admin/books/"+id, untitled, http.StatusUnprocessableEntity, message)
	staff.expect("GET", "/admin/books/"+id, nil, http.StatusOK, `value="The Dispossessed"`)

	// Writers at once: each untitled book is refused, each other one saved.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			form := url.Values{}
			for k, v := range book {
				form[k] = v
			}
			form.Set("title", fmt.Sprintf("Book %d", i))
			want := http.StatusSeeOther
			if i%2 == 0 {
				form.Set("title", "Untitled")
				want = http.StatusUnprocessableEntity
			}
			resp, err := staff.client.PostForm(staff.base+"/admin/books/new", form)
			if err != nil {
				errs <- err
				return
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				errs <- fmt.Errorf("%s at once: status %d, want %d", form.Get("title"), resp.StatusCode, want)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, body := staff.do("GET", "/admin/books?q=Untitled", nil); adminRowID.MatchString(body) {
		t.Errorf("an untitled book was saved:\n%s", body)
	}
	return id
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
