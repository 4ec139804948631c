// Tests for extract.go: each format's text and structure, and suites of hostile input (empty,
// huge, binary pretending to be text, NUL bytes, HTML full of scripts, broken PDFs): each is
// either read or refused with a message, never a crash, a hang or text from a script.

package rag

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// makePDF returns a small valid PDF with one page per text, each shown in Helvetica.
func makePDF(pages ...string) []byte {
	kids := ""
	for i := range pages {
		kids += fmt.Sprintf("%d 0 R ", 4+2*i)
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, len(pages)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	for i, text := range pages {
		var content strings.Builder
		for j, line := range strings.Split(text, "\n") {
			fmt.Fprintf(&content, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 720-14*j, line)
		}
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			stream(content.String()))
	}
	return pdfFile(objects...)
}

// stream returns a PDF stream object holding content.
func stream(content string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
}

// pdfFile returns a PDF of the objects, numbered from 1 (the first is the catalog), with a
// correct table of where each starts: a file that is broken only where a test breaks it.
func pdfFile(objects ...string) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, object := range objects {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, object)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, offset := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", offset)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return out.Bytes()
}

// onePagePDF returns a PDF of one page with content and the resources given.
func onePagePDF(content, resources string, more ...string) []byte {
	return pdfFile(append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources " + resources + " /Contents 4 0 R >>",
		stream(content),
	}, more...)...)
}

// texts returns the blocks as "level:text" lines, for comparing.
func texts(blocks []Block) string {
	var lines []string
	for _, b := range blocks {
		lines = append(lines, fmt.Sprintf("%d:%s", b.Level, b.Text))
	}
	return strings.Join(lines, "\n")
}

func TestExtractReadsEachFormat(t *testing.T) {
	tests := []struct {
		name, contentType, data, want string
	}{
		{"plain text in paragraphs", TypeText, "First line\nstill the first.\r\n\r\n  \nSecond.", "0:First line\nstill the first.\n0:Second."},
		{"markdown headings and paragraphs", TypeMarkdown, "# Setup\n\nInstall it.\n\n## Installing ##\nRun go.\n\nTitle\n=====\nText.",
			"1:Setup\n0:Install it.\n2:Installing\n0:Run go.\n1:Title\n0:Text."},
		{"markdown setext level 2", TypeMarkdown, "Part\n----\nBody", "2:Part\n0:Body"},
		{"a markdown fence keeps its # lines", TypeMarkdown, "```sh\n# not a heading\n\nmake\n```\nafter",
			"0:```sh\n# not a heading\n\nmake\n```\n0:after"},
		{"#hashtag is not a heading", TypeMarkdown, "#hashtag and ####### seven", "0:#hashtag and ####### seven"},
		{"html headings and paragraphs", TypeHTML,
			"<!doctype html><html><head><title>Tab</title><style>p{color:red}</style></head><body>" +
				"<h1>Guide</h1><p>Hello <b>wor</b>ld &amp; more.</p><h2>Part\n two</h2><ul><li>one</li><li>two</li></ul></body></html>",
			"1:Guide\n0:Hello world & more.\n2:Part two\n0:one\n0:two"},
		{"html without its head's end tag", TypeHTML, "<html><head><meta charset=utf-8><body><p>kept</p>", "0:kept"},
		{"pdf pages", TypePDF, string(makePDF("Page one text", "Page two text")), "0:Page one text\n0:Page two text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, err := Extract(tt.contentType, []byte(tt.data))
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if got := texts(blocks); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestExtractDropsScriptsFromHTML: nothing inside a script, a style or the like reaches the
// text, however it is written.
func TestExtractDropsScriptsFromHTML(t *testing.T) {
	pages := []string{
		`<p>safe</p><script>alert("secret")</script>`,
		`<p>safe</p><SCRIPT type="module">secret()</SCRIPT>`,
		`<p>safe</p><script>document.write("</p>secret<p>")</script>`,
		`<p>safe</p><style>.secret{}</style>`,
		`<p>safe</p><noscript>secret</noscript>`,
		`<p>safe</p><template><p>secret</p></template>`,
		`<p>safe</p><svg><text>secret</text><script>secret</script></svg>`,
		`<p>safe</p><iframe srcdoc="x">secret</iframe>`,
		`<p>safe</p><script><!-- secret --></script>`,
		`<p>safe</p><!-- secret -->`,
		`<p>safe</p><script>secret`, // never closed: the rest is script
		`<p>safe</p><textarea>secret</textarea><select><option>secret</option></select>`,
		`<p onclick="secret()">safe</p><a href="javascript:secret()"></a>`,
	}
	for _, page := range pages {
		blocks, err := Extract(TypeHTML, []byte(page))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		if got := texts(blocks); strings.Contains(got, "secret") || !strings.Contains(got, "safe") {
			t.Errorf("%s: got %q, want the text without the script's", page, got)
		}
	}
}

// TestExtractRefusesWhatIsNotText: every hostile input is refused with a message that says
// what to do, or read; never a panic.
func TestExtractRefusesWhatIsNotText(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	tests := []struct {
		name, contentType string
		data              []byte
		want              string // part of the error
	}{
		{"empty text", TypeText, nil, "no text"},
		{"only white space", TypeMarkdown, []byte(" \n\t\r\n  "), "no text"},
		{"only markup", TypeHTML, []byte("<html><body><div><img src=x></div></body></html>"), "no text"},
		{"only a script", TypeHTML, []byte("<script>alert(1)</script>"), "no text"},
		{"a picture named .txt", TypeText, png, "NUL"},
		{"one NUL byte", TypeText, []byte("a\x00b"), "NUL"},
		{"NUL in markdown", TypeMarkdown, []byte("# T\x00"), "NUL"},
		{"latin-1 text", TypeText, []byte("caf\xe9"), "UTF-8"},
		{"broken UTF-8 in html", TypeHTML, []byte("<p>\xff\xfe</p>"), "UTF-8"},
		{"UTF-16 text", TypeText, []byte("\xff\xfeh\x00i\x00"), "NUL"},
		{"an unknown type", "image/png", []byte("x"), "plain text, Markdown, HTML or PDF"},
		{"a PDF that is not one", TypePDF, []byte("not a pdf"), "cannot be read"},
		{"an empty PDF", TypePDF, nil, "cannot be read"},
		{"a PDF cut short", TypePDF, makePDF("hello")[:200], "cannot be read"},
		{"a PDF with its header only", TypePDF, []byte("%PDF-1.4\n%%EOF"), "cannot be read"},
		{"a PDF without text", TypePDF, makePDF(""), "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, err := Extract(tt.contentType, tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %q, %v; want an error mentioning %q", texts(blocks), err, tt.want)
			}
		})
	}
}

// TestExtractSurvivesDamagedPDFs: a PDF damaged anywhere is read or refused, never a crash.
func TestExtractSurvivesDamagedPDFs(t *testing.T) {
	good := makePDF("Some text on a page", "More text")
	for i := 0; i < len(good); i += 7 {
		for _, damage := range []byte{0, '(', ')', '<', '>', '[', 'R', '9'} {
			data := bytes.Clone(good)
			data[i] = damage
			blocks, err := Extract(TypePDF, data)
			for _, b := range blocks {
				if strings.ContainsRune(b.Text, 0) {
					t.Fatalf("byte %d = %q: a NUL in the text", i, damage)
				}
			}
			_ = err // read or refused: both are fine
		}
	}
}

// TestExtractRefusesPDFsThatWouldHang: files that would make the PDF library loop forever,
// run out of stack or memory are refused, each within a second.
func TestExtractRefusesPDFsThatWouldHang(t *testing.T) {
	font := "<< /Font << /F1 5 0 R >> >>"
	type0 := "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>" // its map in object 6
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"a hex string cut off by the end of the content", onePagePDF("BT (ok) Tj <4142", "<< >>"), "cut off"},
		{"a hex string cut off in a character map", onePagePDF("BT /F1 1 Tf <01> Tj ET", font, type0,
			stream("1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <01> <0041")), "cut off"},
		{"a character map of a billion entries", onePagePDF("BT /F1 1 Tf <01> Tj ET", font, type0,
			stream("2000000000 beginbfchar <01> <0041> endbfchar")), "2000000000 entries"},
		{"arrays nested a million deep", pdfFile("<< /Type /Catalog /Pages " + strings.Repeat("[", 1_000_000) + " >>"), "nested"},
		{"a page tree that contains itself", pdfFile("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 5 >>"), "no text"},
		{"a page that is its own parent", pdfFile("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>", stream("BT (x) Tj ET")), ""},
		{"a billion pages claimed", pdfFile("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [] /Count 999999999 >>"), "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			var blocks []Block
			var err error
			go func() {
				defer close(done)
				blocks, err = Extract(TypePDF, tt.data)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("still reading after 5 seconds")
			}
			if tt.want == "" {
				return // read or refused, as long as it ends
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, %v; want an error mentioning %q", texts(blocks), err, tt.want)
			}
		})
	}
}

// TestExtractHugeInput: large and deeply nested input is read in linear time.
func TestExtractHugeInput(t *testing.T) {
	tests := []struct {
		name, contentType, data string
	}{
		{"a million-deep html", TypeHTML, strings.Repeat("<div>", 1_000_000) + "deep" + strings.Repeat("</div>", 1_000_000)},
		{"a long line of text", TypeText, strings.Repeat("word ", 1_000_000)},
		{"many headings", TypeMarkdown, strings.Repeat("# h\n", 200_000) + "text"},
		{"many paragraphs", TypeText, strings.Repeat("p\n\n", 500_000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			blocks, err := Extract(tt.contentType, []byte(tt.data))
			if err != nil || len(blocks) == 0 {
				t.Fatalf("got %d blocks, %v", len(blocks), err)
			}
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("took %s", took)
			}
		})
	}
}

func TestTypeOf(t *testing.T) {
	for name, want := range map[string]string{
		"a.txt": TypeText, "README.md": TypeMarkdown, "Page.HTM": TypeHTML, "x.pdf": TypePDF,
		"photo.png": "", "noext": "", "a.md.exe": "",
	} {
		if got := TypeOf(name); got != want {
			t.Errorf("TypeOf(%q) = %q, want %q", name, got, want)
		}
	}
}
