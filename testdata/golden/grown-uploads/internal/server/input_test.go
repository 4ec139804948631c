// Hostile text through the whole app: a NUL character or bytes that are not UTF-8, in every
// way a request carries text (a form, a query, the path, a JSON body), must be refused with
// 400 and a message that says what to fix, and must never reach the database. Valid text in
// any language still goes through. Add a row to inputPoints for a new form or API.

package server

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

// badTexts are the kinds of text the app refuses, each with what its message must say.
var badTexts = []struct {
	name, text, want string
}{
	{"NUL", "ab\x00cd", "NUL character"},
	{"NUL alone", "\x00", "NUL character"},
	{"lone continuation byte", "ab\x80cd", "not valid UTF-8"},
	{"overlong slash", "\xc0\xaf", "not valid UTF-8"},
	{"overlong NUL", "a\xc0\x80", "not valid UTF-8"},
	{"surrogate half", "\xed\xa0\x80", "not valid UTF-8"},
	{"truncated sequence", "caf\xc3", "not valid UTF-8"},
	{"byte FF", "\xff\xfe", "not valid UTF-8"},
	{"beyond Unicode", "\xf4\x90\x80\x80", "not valid UTF-8"},
}

// inputSite serves the whole app on a fresh database, with a superuser logged in.
func inputSite(t *testing.T) (*testutil.Client, *sql.DB) {
	t.Helper()
	site, deps := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	if _, err := deps.Accounts.CreateUser(t.Context(), "root@example.com", "correct horse battery", auth.RoleSuperuser); err != nil {
		t.Fatal(err)
	}
	site.Login("root@example.com", "correct horse battery")
	return site, deps.DB
}

// jsonText writes text inside a JSON string as a client could send it: raw bytes, except a
// NUL, which JSON only allows written as \u0000.
func jsonText(text string) string {
	return strings.ReplaceAll(text, "\x00", `\u0000`)
}

// inputPoint is one way text reaches the app: send sends text there and returns the answer.
type inputPoint struct {
	name string
	send func(site *testutil.Client, text string) (*http.Response, string)
}

var sameOrigin = http.Header{"Sec-Fetch-Site": {"same-origin"}}

func postJSONText(site *testutil.Client, path, body string) (*http.Response, string) {
	return site.Do(http.MethodPost, path, "application/json", strings.NewReader(body), sameOrigin)
}

var inputPoints = []inputPoint{
	{"notes form", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.PostForm("/notes", url.Values{"body": {text}})
	}},
	{"notes form, field name", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.PostForm("/notes", url.Values{"body": {"fine"}, text: {"x"}})
	}},
	{"login email", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.PostForm("/login", url.Values{"email": {text + "@example.com"}, "password": {"correct horse battery"}})
	}},
	{"login password", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.PostForm("/login", url.Values{"email": {"root@example.com"}, "password": {text}})
	}},
	{"multipart login", func(s *testutil.Client, text string) (*http.Response, string) {
		body := "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n" + text + "\r\n--b--\r\n"
		return s.Do(http.MethodPost, "/login", "multipart/form-data; boundary=b", strings.NewReader(body), sameOrigin)
	}},
	{"query parameter", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.Get("/notes?" + url.Values{"x": {text}}.Encode())
	}},
	{"query parameter name", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.Get("/?" + url.QueryEscape(text) + "=1")
	}},
	{"path", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.Get("/notes/" + url.PathEscape(text))
	}},
	{"token API", func(s *testutil.Client, text string) (*http.Response, string) {
		return postJSONText(s, "/api/auth/token", `{"email": "`+jsonText(text)+`", "password": "correct horse battery"}`)
	}},
	{"refresh API", func(s *testutil.Client, text string) (*http.Response, string) {
		return postJSONText(s, "/api/auth/refresh", `{"refresh_token": "`+jsonText(text)+`"}`)
	}},
	{"JSON field name", func(s *testutil.Client, text string) (*http.Response, string) {
		return postJSONText(s, "/api/auth/token", `{"`+jsonText(text)+`": "x", "email": "a@example.com", "password": "p"}`)
	}},
	{"chat message", func(s *testutil.Client, text string) (*http.Response, string) {
		return postJSONText(s, "/api/chat", `{"message": "Hello `+jsonText(text)+`"}`)
	}},
	{"admin search", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.Get("/admin/notes?" + url.Values{"q": {text}}.Encode())
	}},
	{"admin field", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.PostForm("/admin/notes/new", url.Values{"body": {text}})
	}},
	{"admin user email", func(s *testutil.Client, text string) (*http.Response, string) {
		return s.PostForm("/admin/users/new", url.Values{"email": {text + "@example.com"}, "password": {"correct horse battery"}, "role": {"user"}, "is_active": {"on"}})
	}},
}

// storedRows counts the rows of the tables a refused request could have written to.
func storedRows(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, table := range []string{"notes", "users", "login_failures", "admin_audit", "chat_messages"} {
		var n int
		if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		counts[table] = n
	}
	return counts
}

func TestBadTextIsRefusedEverywhere(t *testing.T) {
	site, db := inputSite(t)
	before := storedRows(t, db)
	for _, point := range inputPoints {
		for _, bad := range badTexts {
			t.Run(point.name+"/"+bad.name, func(t *testing.T) {
				resp, body := point.send(site, bad.text)
				if resp.StatusCode != http.StatusBadRequest {
					t.Fatalf("status %d, want 400; body:\n%.300s", resp.StatusCode, body)
				}
				if !strings.Contains(body, bad.want) {
					t.Errorf("message %q does not say %q", body, bad.want)
				}
				if strings.HasPrefix(resp.Request.URL.Path, "/api/") != strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
					t.Errorf("Content-Type %q for %s: JSON under /api/, text elsewhere", resp.Header.Get("Content-Type"), resp.Request.URL.Path)
				}
			})
		}
	}
	if after := storedRows(t, db); !equalCounts(before, after) {
		t.Errorf("refused requests stored rows: before %v, after %v", before, after)
	}
}

func equalCounts(a, b map[string]int) bool {
	for table, n := range a {
		if b[table] != n {
			return false
		}
	}
	return len(a) == len(b)
}

// TestTextInAnyLanguageGoesThrough sends the same ways valid text with accents, other scripts
// and emoji, which must be kept as sent.
func TestTextInAnyLanguageGoesThrough(t *testing.T) {
	site, db := inputSite(t)
	for _, text := range []string{"café crème", "日本語のメモ", "emoji 🎉👍🏽", "Ελληνικά · עברית"} {
		if resp, body := site.PostForm("/notes", url.Values{"body": {text}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("notes form %q: status %d\n%.300s", text, resp.StatusCode, body)
		}
		if resp, _ := site.Get("/notes?" + url.Values{"x": {text}}.Encode()); resp.StatusCode != http.StatusOK {
			t.Errorf("query %q: status %d", text, resp.StatusCode)
		}
		if resp, _ := postJSONText(site, "/api/auth/token", `{"email": "`+text+`@example.com", "password": "wrong"}`); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("token API %q: status %d, want 401 (a wrong login, not bad text)", text, resp.StatusCode)
		}
		if resp, body := postJSONText(site, "/api/chat", `{"message": "`+text+`"}`); resp.StatusCode != http.StatusOK {
			t.Errorf("chat %q: status %d\n%.300s", text, resp.StatusCode, body)
		}
		if resp, body := site.Get("/admin/notes?" + url.Values{"q": {text}}.Encode()); resp.StatusCode != http.StatusOK {
			t.Errorf("admin search %q: status %d\n%.300s", text, resp.StatusCode, body)
		}
		if resp, body := site.PostForm("/admin/notes/new", url.Values{"body": {text + " (admin)"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("admin field %q: status %d\n%.300s", text, resp.StatusCode, body)
		}
		for _, body := range []string{text, text + " (admin)"} {
			var stored string
			if err := db.QueryRowContext(t.Context(), "SELECT body FROM notes WHERE body = ?", body).Scan(&stored); err != nil || stored != body {
				t.Errorf("note %q: stored %q, %v", body, stored, err)
			}
		}
	}
}

// TestMalformedJSONIsExplained sends the API bodies that are not what it reads: each answer is
// 400 in JSON, says what is wrong in terms of the JSON sent (field names, JSON kinds), and
// never shows the Go code behind it (struct and type names, decoder messages).
func TestMalformedJSONIsExplained(t *testing.T) {
	site, _ := inputSite(t)
	type body struct{ name, json, want string }
	objectFaults := []body{
		{"empty", "", "empty"},
		{"only spaces", "  \n ", "empty"},
		{"not JSON", "email=a@example.com", "not valid JSON"},
		{"cut short", `{"email": "a@example.com"`, "not valid JSON"},
		{"single quotes", `{'email': 'a'}`, "not valid JSON"},
		{"a list", `["a@example.com"]`, "not a JSON object"},
		{"text", `"a@example.com"`, "not a JSON object"},
		{"a number", `42`, "not a JSON object"},
		{"null", `null`, "not a JSON object"},
		{"two objects", `{"email": "a"} {"email": "b"}`, "goes on after"},
		{"trailing text", `{"email": "a"} and more`, "goes on after"},
		{"too long", `{"email": "` + strings.Repeat("a", 1<<20) + `"}`, "longer than"},
		{"too deep", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "not valid JSON"},
	}
	endpoints := []struct {
		path   string
		faults []body
	}{
		{"/api/auth/token", append(objectFaults,
			body{"email a number", `{"email": 5, "password": "p"}`, `"email" must be text`},
			body{"password a list", `{"email": "a@example.com", "password": ["p"]}`, `"password" must be text`},
			body{"email an object", `{"email": {"address": "a"}, "password": "p"}`, `"email" must be text`},
			body{"password true", `{"email": "a@example.com", "password": true}`, `"password" must be text`},
			body{"unknown field", `{"email": "a@example.com", "password": "p", "is_superuser": true}`, `"is_superuser" is not a field`},
		)},
		{"/api/auth/refresh", append(objectFaults,
			body{"token a number", `{"refresh_token": 12345}`, `"refresh_token" must be text`},
			body{"misspelt field", `{"refreshToken": "abc"}`, `"refreshToken" is not a field`},
		)},
		{"/api/chat", append(objectFaults,
			body{"message a number", `{"message": 5}`, `"message" must be text`},
			body{"conversation as text", `{"message": "Hi", "conversation_id": "7"}`, `"conversation_id" must be a whole number`},
			body{"conversation a fraction", `{"message": "Hi", "conversation_id": 1.5}`, `"conversation_id" must be a whole number`},
			body{"conversation too big", `{"message": "Hi", "conversation_id": 1e30}`, `"conversation_id" must be a whole number`},
			body{"model a list", `{"message": "Hi", "model": ["a"]}`, `"model" must be text`},
			body{"unknown field", `{"message": "Hi", "temperature": 2}`, `"temperature" is not a field`},
		)},
	}
	// Words of Go's decoder and of the app's code that a client must never see.
	goInternals := []string{"json:", "Go ", "struct", "int64", "float64", "reflect", "unmarshal", "Unmarshal", "sendRequest", "Email", "RefreshToken", "ConversationID"}
	for _, endpoint := range endpoints {
		for _, fault := range endpoint.faults {
			t.Run(endpoint.path+"/"+fault.name, func(t *testing.T) {
				resp, answer := postJSONText(site, endpoint.path, fault.json)
				if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/json" {
					t.Fatalf("status %d, %s; want 400 in JSON\n%.300s", resp.StatusCode, resp.Header.Get("Content-Type"), answer)
				}
				var got map[string]string
				if err := json.Unmarshal([]byte(answer), &got); err != nil {
					t.Fatalf("answer %s is not {\"error\": ...}: %v", answer, err)
				}
				message := got["error"]
				if !strings.Contains(message, fault.want) || !strings.Contains(message, "send JSON such as {") {
					t.Errorf("message %q: want %q and an example body", message, fault.want)
				}
				for _, internal := range goInternals {
					if strings.Contains(message, internal) {
						t.Errorf("message %q shows %q, from the Go code", message, internal)
					}
				}
			})
		}
	}
}
