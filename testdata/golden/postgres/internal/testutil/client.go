// Client is the one HTTP client of the tests: it talks to a test server like a browser, keeping
// cookies and showing redirects instead of following them. Build the handler it talks to with
// server.New, the whole app as production serves it: tests then go through the real routes and
// middleware, never a copy of routes.go.
//
// Go forbids import cycles, and internal/server imports every feature, so a feature's own
// package tests (package auth) cannot import server. A test that needs the whole app is written
// in an external test package in the same folder (package auth_test), which may reach what
// it needs inside the feature through an export_test.go file, or in internal/server. Serve
// takes any http.Handler, so testutil itself imports no feature.
//
//	deps := server.NewDeps(testutil.Config(t), testutil.Logger(t), testutil.NewDB(t))
//	handler, err := server.New(deps) // the whole app: routes.go and every middleware
//	site := testutil.Serve(t, handler)
//	site.Login("ada@example.com", "correct horse battery")
//	resp, body := site.Get("/account")

package testutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// Client sends requests to one test server. Header is sent with every request: it starts with
// Sec-Fetch-Site: same-origin, which browsers send with a page's own forms and fetches, so
// http.CrossOriginProtection (internal/server/server.go) lets the client's posts through. A
// test of a cross-site attack sends Sec-Fetch-Site: cross-site in a request's own header.
type Client struct {
	URL    string       // the server's address, such as http://127.0.0.1:41234
	Header http.Header  // sent with every request
	HTTP   *http.Client // keeps the cookies; set HTTP.Timeout for a test that may hang
	t      testing.TB
}

// Serve answers with handler on a test server, closed when the test ends, and returns a
// client for it.
func Serve(t testing.TB, handler http.Handler) *Client {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	return NewClient(t, server.URL)
}

// NewClient returns a client, with no cookies yet, for the server at base: another visitor
// of a server Serve started.
func NewClient(t testing.TB, base string) *Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	noRedirects := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Client{
		URL:    base,
		Header: http.Header{"Sec-Fetch-Site": {"same-origin"}},
		t:      t,
		HTTP:   &http.Client{Jar: jar, CheckRedirect: noRedirects},
	}
}

// Do sends a request with body of contentType ("" for none) and header on top of c.Header,
// and returns the response and its body. It stops the test when the request fails.
func (c *Client) Do(method, path, contentType string, body io.Reader, header http.Header) (*http.Response, string) {
	c.t.Helper()
	resp, text, err := c.Try(method, path, contentType, body, header)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, text
}

// Try is Do for a goroutine that a test starts (testutil.Concurrently): instead of stopping
// the test, which only the test's own goroutine may do, it returns the error.
func (c *Client) Try(method, path, contentType string, body io.Reader, header http.Header) (*http.Response, string, error) {
	req, err := http.NewRequestWithContext(c.t.Context(), method, c.URL+path, body)
	if err != nil {
		return nil, "", err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for name, values := range c.Header {
		req.Header[name] = values
	}
	for name, values := range header {
		req.Header[name] = values
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, "", fmt.Errorf("%s %s: read the answer: %w", method, path, err)
	}
	return resp, string(data), nil
}

// Get asks for path.
func (c *Client) Get(path string) (*http.Response, string) {
	c.t.Helper()
	return c.Do(http.MethodGet, path, "", nil, nil)
}

// PostForm posts form to path, as a browser submits a form.
func (c *Client) PostForm(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	return c.Do(http.MethodPost, path, formType, strings.NewReader(form.Encode()), nil)
}

// TryPostForm is PostForm for a goroutine that a test starts: it returns the error (see Try).
func (c *Client) TryPostForm(path string, form url.Values) (*http.Response, string, error) {
	return c.Try(http.MethodPost, path, formType, strings.NewReader(form.Encode()), nil)
}

// PostFiles posts form with files (field name -> {file name, content}) as multipart/form-data,
// as a browser submits a form with file inputs.
func (c *Client) PostFiles(path string, form url.Values, files map[string][2]string) (*http.Response, string) {
	c.t.Helper()
	var body bytes.Buffer
	writer := multipart.NewWriter(&body)
	for name, values := range form {
		for _, value := range values {
			writer.WriteField(name, value)
		}
	}
	for field, file := range files {
		part, err := writer.CreateFormFile(field, file[0])
		if err != nil {
			c.t.Fatal(err)
		}
		part.Write([]byte(file[1]))
	}
	if err := writer.Close(); err != nil {
		c.t.Fatal(err)
	}
	return c.Do(http.MethodPost, path, writer.FormDataContentType(), &body, nil)
}

// formType is the Content-Type of a form that a browser posts.
const formType = "application/x-www-form-urlencoded"

// PostJSON posts body as JSON, with header (such as an Authorization) on top of c.Header, and
// decodes the JSON object of the answer.
func (c *Client) PostJSON(path string, body any, header http.Header) (*http.Response, map[string]any) {
	c.t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		c.t.Fatal(err)
	}
	resp, text := c.Do(http.MethodPost, path, "application/json", bytes.NewReader(data), header)
	return resp, c.decodeJSON(resp, text)
}

// GetJSON asks for path with header on top of c.Header and decodes the JSON object of the answer.
func (c *Client) GetJSON(path string, header http.Header) (*http.Response, map[string]any) {
	c.t.Helper()
	resp, text := c.Do(http.MethodGet, path, "", nil, header)
	return resp, c.decodeJSON(resp, text)
}

// decodeJSON reads an API answer: a JSON object, said to be one in its Content-Type.
func (c *Client) decodeJSON(resp *http.Response, text string) map[string]any {
	c.t.Helper()
	if got := resp.Header.Get("Content-Type"); got != "application/json" {
		c.t.Errorf("Content-Type %q, want application/json; body %s", got, text)
	}
	var value map[string]any
	if err := json.Unmarshal([]byte(text), &value); err != nil {
		c.t.Fatalf("body %q is not a JSON object: %v", text, err)
	}
	return value
}

// Cookie returns the value of the client's cookie called name, "" if it has none.
func (c *Client) Cookie(name string) string {
	u, _ := url.Parse(c.URL)
	for _, cookie := range c.HTTP.Jar.Cookies(u) {
		if cookie.Name == name {
			return cookie.Value
		}
	}
	return ""
}

// SetCookie gives the client a cookie, as an attacker might forge one.
func (c *Client) SetCookie(name, value string) {
	u, _ := url.Parse(c.URL)
	c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// Login logs in through the login form and fails the test unless it worked.
func (c *Client) Login(email, password string) {
	c.t.Helper()
	resp, body := c.PostForm("/login", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login as %s: status %d, want 303\n%s", email, resp.StatusCode, body)
	}
}
