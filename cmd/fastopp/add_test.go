package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestGrownAppsThroughTheAdmin serves each app with auth that `fastopp add` grew with growth,
// and adds, finds, changes and deletes a book through the admin over HTTP, as a superuser in
// a browser would, then checks the public pages that --pages and `add page` wrote.
func TestGrownAppsThroughTheAdmin(t *testing.T) {
	for _, sc := range scenarios {
		if sc.adds == nil || !sc.auth || !slices.ContainsFunc(sc.adds, func(add []string) bool { return slices.Contains(add, "Author") }) {
			continue // the admin needs a login, and this tour is of the authors and books
		}
		t.Run(sc.name, func(t *testing.T) {
			app := appFor(t, sc)
			srv := startServer(t, app, sc)
			defer srv.stop()
			const email, password = "teacher@example.com", "a long enough password"
			srv.manage(t, app, password, "createsuperuser", "--email", email, "--password-stdin")
			b := newHTTPBrowser(t, srv.base)
			b.expect("POST", "/login", url.Values{"email": {email}, "password": {password}}, http.StatusSeeOther, "")

			author := b.created("/admin/authors/new", url.Values{"name": {"Ursula K. Le Guin"}})
			owner := b.firstRow("/admin/users?q=" + url.QueryEscape(email))
			book := url.Values{
				"title": {"The Dispossessed"}, "pages": {"387"}, "published": {"on"}, "author_id": {author},
				"owner_id": {owner}, "summary": {"An ambiguous utopia."}, "price": {"9.99"},
				"released": {"1974-05-01"}, "rating": {"4.5"},
			}
			id := b.created("/admin/books/new", book)
			b.expect("GET", "/admin/books?q=dispossessed", nil, http.StatusOK, `id="admin-row-`+id+`"`)

			book.Set("title", "The Left Hand of Darkness")
			b.expect("POST", "/admin/books/"+id, book, http.StatusSeeOther, "")
			b.expect("GET", "/books", nil, http.StatusOK, "The Left Hand of Darkness")
			b.expect("GET", "/books/"+id, nil, http.StatusOK, "The Left Hand of Darkness")
			b.expect("GET", "/about", nil, http.StatusOK, `<h1 class="text-3xl font-bold mb-4">About</h1>`)
			b.expect("GET", "/contact-us", nil, http.StatusOK, "Contact us")
			b.expect("GET", "/", nil, http.StatusOK, `<a href="/about"`)

			b.expect("POST", "/admin/books/"+id+"/delete", url.Values{}, http.StatusSeeOther, "")
			b.expect("GET", "/books/"+id, nil, http.StatusNotFound, "")
		})
	}
}

// httpBrowser keeps cookies and does not follow redirects, so a test sees each answer.
type httpBrowser struct {
	t      *testing.T
	base   string
	client *http.Client
}

func newHTTPBrowser(t *testing.T, base string) *httpBrowser {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &httpBrowser{t: t, base: base, client: client}
}

// do sends a GET, or a POST of form, and returns the answer and its body.
func (b *httpBrowser) do(method, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, string(data)
}

// expect fails the test unless the answer has status and its body holds want.
func (b *httpBrowser) expect(method, path string, form url.Values, status int, want string) {
	b.t.Helper()
	resp, body := b.do(method, path, form)
	if resp.StatusCode != status || !strings.Contains(body, want) {
		b.t.Fatalf("%s %s = %d, want %d and a body with %q:\n%s", method, path, resp.StatusCode, status, want, body)
	}
}

// created posts an admin form and returns the id of the new row, from the redirect to its page.
func (b *httpBrowser) created(path string, form url.Values) string {
	b.t.Helper()
	resp, body := b.do("POST", path, form)
	location := resp.Header.Get("Location")
	id := location[strings.LastIndex(location, "/")+1:]
	if resp.StatusCode != http.StatusSeeOther || id == "" {
		b.t.Fatalf("POST %s = %d (Location %q), want a redirect to the new row:\n%s", path, resp.StatusCode, location, body)
	}
	return id
}

var adminRowID = regexp.MustCompile(`id="admin-row-(\d+)"`)

// firstRow returns the id of the first row an admin list page shows.
func (b *httpBrowser) firstRow(path string) string {
	b.t.Helper()
	_, body := b.do("GET", path, nil)
	m := adminRowID.FindStringSubmatch(body)
	if m == nil {
		b.t.Fatalf("GET %s shows no row:\n%s", path, body)
	}
	return m[1]
}
