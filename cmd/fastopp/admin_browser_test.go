package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserAdmin logs in as a superuser and creates, searches, edits and
// deletes a note through the admin pages, as a person would.
func TestBrowserAdmin(t *testing.T) {
	ctx := newBrowser(t)
	sc := scenarios[0]
	app := appFor(t, sc)
	srv := startServer(t, app, sc)
	defer srv.stop()
	const email, password = "admin-browser@example.com", "a long enough password"
	srv.manage(t, app, password, "createsuperuser", "--email", email, "--password-stdin")
	firstRowLink := func() string {
		t.Helper()
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".admin-row-link").href`))
		if err != nil {
			t.Fatalf("no row link on the list page: %v", err)
		}
		return href
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("browser: %s: %v", step, err)
		}
	}

	browserLogin(t, ctx, srv.base+"/admin", email, password, "#admin-models")

	do("creating a note",
		chromedp.Navigate(srv.base+"/admin/notes/new"),
		chromedp.WaitVisible(chromedp.CSS("#admin-form")),
		chromedp.SendKeys(chromedp.CSS("#field-body"), "Written by the <b>browser</b> test"),
	)
	submitAndWait(t, ctx, "#admin-save")
	do("a second note to search past",
		chromedp.Navigate(srv.base+"/admin/notes/new"),
		chromedp.WaitVisible(chromedp.CSS("#admin-form")),
		chromedp.SendKeys(chromedp.CSS("#field-body"), "Another note"),
	)
	submitAndWait(t, ctx, "#admin-save")
	do("listing",
		chromedp.Navigate(srv.base+"/admin/notes"),
		chromedp.WaitVisible(chromedp.CSS("#admin-table")),
	)
	if got := textOf(t, ctx, "#admin-total"); !strings.HasPrefix(got, "2 rows") {
		t.Fatalf("the list counts %q, want 2 rows", got)
	}

	do("typing a search", chromedp.SendKeys(chromedp.CSS("#admin-search"), "BROWSER"))
	loadsNewPage(t, ctx, chromedp.Submit(chromedp.CSS("#admin-search-form"))) // the no-JavaScript path: a plain GET
	if got := textOf(t, ctx, "#admin-total"); !strings.HasPrefix(got, "1 row") {
		t.Errorf("searching BROWSER counts %q, want 1 row (case-insensitive)", got)
	}
	if got := textOf(t, ctx, "#admin-rows"); !strings.Contains(got, "Written by the <b>browser</b> test") {
		t.Errorf("the found row does not show the note as text (escaped): %q", got)
	}
	if location, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(location, "q=BROWSER") {
		t.Errorf("the URL %s does not hold the search", location)
	}

	// Sorting goes through HTMX: the table is swapped in place and the URL follows.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.fastoppOldPage = true`)); err != nil {
		t.Fatal(err)
	}
	do("sorting", chromedp.Click(chromedp.CSS("#admin-rows th a")))
	deadline := time.Now().Add(10 * time.Second)
	for {
		swapped, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`location.search.includes("sort=") && window.fastoppOldPage === true`))
		if err == nil && swapped {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("clicking a column header did not sort in place (HTMX swap with the URL pushed)")
		}
		time.Sleep(100 * time.Millisecond)
	}

	do("editing",
		chromedp.Navigate(firstRowLink()),
		chromedp.WaitVisible(chromedp.CSS("#admin-form")),
		chromedp.SetValue(chromedp.CSS("#field-body"), "Edited in the browser"),
	)
	submitAndWait(t, ctx, "#admin-save")
	do("finding the edit",
		chromedp.Navigate(srv.base+"/admin/notes?q=edited"),
		chromedp.WaitVisible(chromedp.CSS(".admin-row-link")),
	)
	if got := textOf(t, ctx, "#admin-rows"); !strings.Contains(got, "Edited in the browser") {
		t.Errorf("the edit did not stick: %q", got)
	}

	do("deleting",
		chromedp.Navigate(firstRowLink()),
		chromedp.WaitVisible(chromedp.CSS("#admin-delete")),
		chromedp.Click(chromedp.CSS("#admin-delete")),
		chromedp.WaitVisible(chromedp.CSS("#admin-confirm-delete")),
		chromedp.Click(chromedp.CSS("#admin-confirm-delete")),
		chromedp.WaitVisible(chromedp.CSS("#admin-table")),
	)
	if got := textOf(t, ctx, "#admin-total"); !strings.HasPrefix(got, "1 row") {
		t.Errorf("after deleting one of two notes the list counts %q, want 1 row", got)
	}

	// A note far along the ids makes the table big for the admin (bigTable in store.go): a
	// search that reads every row ("no" is too short for the search index) leaves its count
	// to a second request, which htmx sends as soon as the page is shown.
	addNoteWithID(t, app, filepath.Join(srv.workDir, "data", "app.db"), 1_000_000, "A note far along")
	do("a search counted apart",
		chromedp.Navigate(srv.base+"/admin/notes?q=no"),
		chromedp.WaitVisible(chromedp.CSS("#admin-table")),
	)
	for deadline := time.Now().Add(10 * time.Second); textOf(t, ctx, "#admin-total") != "2 rows"; {
		if time.Now().After(deadline) {
			t.Fatalf("the list never showed its count: %q, want 2 rows", textOf(t, ctx, "#admin-total"))
		}
		time.Sleep(100 * time.Millisecond)
	}
	asked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`performance.getEntriesByType("resource").some(e => e.name.includes("count=1"))`))
	if err != nil || !asked {
		t.Errorf("the count did not come from a request of its own (count=1): %v", err)
	}
}

// addNoteWithID saves a note with an id of the test's choosing in a SQLite database file.
func addNoteWithID(t *testing.T, app *builtApp, database string, id int64, body string) {
	t.Helper()
	execSQLite(t, app, database, "INSERT INTO notes (id, body) VALUES (?, ?)", strconv.FormatInt(id, 10), body)
}

// execSQLite runs one SQL statement, with args for its ? parameters, on a SQLite database
// file. The app has no command for that, so a small program built with the app's go.mod does it.
func execSQLite(t *testing.T, app *builtApp, database, statement string, args ...string) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(app.dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const program = `package main

import (
	"database/sql"
	"log"
	"os"

	_ "modernc.org/sqlite"
)

func main() {
	db, err := sql.Open("sqlite", "file:"+os.Args[1]+"?_pragma=busy_timeout(5000)")
	if err == nil {
		args := []any{}
		for _, arg := range os.Args[3:] {
			args = append(args, arg)
		}
		_, err = db.Exec(os.Args[2], args...)
	}
	if err != nil {
		log.Fatal(err)
	}
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", append([]string{"run", ".", database, statement}, args...)...)
	cmd.Dir, cmd.Env = dir, app.env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("running %q: %v\n%s", statement, err, out)
	}
}

// submitAndWait clicks a submit button and waits until the browser has loaded
// the page the form's answer leads to.
func submitAndWait(t *testing.T, ctx context.Context, button string) {
	t.Helper()
	loadsNewPage(t, ctx, chromedp.Click(chromedp.CSS(button)))
}

// loadsNewPage runs action and waits until it has led the browser to a new page.
func loadsNewPage(t *testing.T, ctx context.Context, action chromedp.Action[chromedp.Void]) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.fastoppOldPage = true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, action); err != nil {
		t.Fatalf("browser: %v", err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`window.fastoppOldPage === undefined && document.readyState === "complete"`))
		if err == nil && loaded {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("browser: no new page loaded")
}
