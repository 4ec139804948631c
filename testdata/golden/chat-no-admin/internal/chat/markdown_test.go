// Tests for rendering answers: Markdown becomes HTML, and whatever a model is talked into
// writing cannot run in the page.

package chat

import (
	"strings"
	"testing"
)

func TestMarkdownRendersTheUsualThings(t *testing.T) {
	md := NewMarkdown()
	tests := []struct {
		name, source string
		want         []string
	}{
		{"emphasis", "**bold** and _italic_", []string{"<strong>bold</strong>", "<em>italic</em>"}},
		{"a list", "- one\n- two", []string{"<ul>", "<li>one</li>", "<li>two</li>"}},
		{"a numbered list", "1. first\n2. second", []string{"<ol>", "<li>first</li>"}},
		{"a table", "| a | b |\n| --- | --- |\n| 1 | 2 |", []string{"<table>", "<th>a</th>", "<td>2</td>"}},
		{"code", "```go\nfmt.Println(\"<b>\")\n```", []string{"<pre><code>", "fmt.Println(&#34;&lt;b&gt;&#34;)"}},
		{"inline code", "use `go test`", []string{"<code>go test</code>"}},
		{"strikethrough", "~~old~~", []string{"<del>old</del>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := md.Render(tt.source)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if !strings.Contains(string(html), want) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tt.source, html, want)
				}
			}
		})
	}
}

func TestLinksOpenSafely(t *testing.T) {
	html, err := NewMarkdown().Render("See [the docs](https://go.dev/doc) or https://example.com.")
	if err != nil {
		t.Fatal(err)
	}
	links := strings.Count(string(html), "<a ")
	if links != 2 {
		t.Fatalf("Render = %q, want 2 links (one written, one bare)", html)
	}
	for _, want := range []string{`target="_blank"`, "nofollow", "noopener", "noreferrer"} {
		if strings.Count(string(html), want) != links {
			t.Errorf("Render = %q: not every link has %s", html, want)
		}
	}
}

// TestHostileMarkdownIsSanitised feeds in what an attacker might get a model to write.
func TestHostileMarkdownIsSanitised(t *testing.T) {
	md := NewMarkdown()
	tests := []struct {
		name, source string
		forbidden    []string // none of these may be in the HTML, in any case
	}{
		{"a script", "Hi <script>alert(1)</script>", []string{"<script"}},
		{"an event handler", `<img src="x" onerror="alert(1)">`, []string{"onerror"}},
		{"a javascript: link", "[click](javascript:alert(1))", []string{"javascript:"}},
		{"a javascript: link in HTML", `<a href="javascript:alert(1)">click</a>`, []string{"javascript:"}},
		{"an encoded javascript: link", "[click](jav&#x61;script:alert(1))", []string{"script:"}},
		{"a data: URL", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", []string{"data:"}},
		{"an iframe", `<iframe src="https://evil.example"></iframe>`, []string{"<iframe"}},
		{"a style", `<style>body{display:none}</style><p style="position:fixed">x</p>`, []string{"<style", "style="}},
		{"a form", `<form action="https://evil.example"><input name="password"></form>`, []string{"<form", "<input"}},
		{"an svg", `<svg onload="alert(1)"><circle r="1"/></svg>`, []string{"<svg", "onload"}},
		{"a handler in a link", `<a href="https://example.com" onclick="alert(1)">x</a>`, []string{"onclick"}},
		{"a meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example">`, []string{"<meta"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := md.Render(tt.source)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range tt.forbidden {
				if strings.Contains(strings.ToLower(string(html)), strings.ToLower(bad)) {
					t.Errorf("Render(%q) = %q, which contains %q", tt.source, html, bad)
				}
			}
		})
	}
}
