// Extraction: the text of a document, as blocks (headings and paragraphs) for chunk.go, from
// plain text, Markdown, HTML (scripts and styles dropped) or PDF. To accept another format,
// add its content type to contentTypes and a case to Extract that returns its blocks. PDF is
// read in extract_pdf.go.
package rag

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNoText is the answer for a document without any text to search.
var ErrNoText = errors.New("the document has no text to search: add one with some words in it " +
	"(a scanned PDF holds pictures of text, which cannot be read)")

// contentTypes maps the file extensions documents may have to their content types.
var contentTypes = map[string]string{
	".txt": TypeText, ".text": TypeText,
	".md": TypeMarkdown, ".markdown": TypeMarkdown,
	".html": TypeHTML, ".htm": TypeHTML,
	".pdf": TypePDF,
}

// TypeOf returns the content type of a document named name, by its extension, or "" when
// the format is not one a document may have.
func TypeOf(name string) string {
	return contentTypes[strings.ToLower(path.Ext(name))]
}

// Extract returns the blocks of text in data, a document of contentType. Text must be UTF-8;
// bytes that are no text at all (a picture renamed .txt, a NUL byte) are refused.
func Extract(contentType string, data []byte) ([]Block, error) {
	var blocks []Block
	switch contentType {
	case TypeText, TypeMarkdown, TypeHTML:
		if err := checkText(data); err != nil {
			return nil, err
		}
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		switch contentType {
		case TypeText:
			blocks = paragraphs(text)
		case TypeMarkdown:
			blocks = markdownBlocks(text)
		default:
			blocks = htmlBlocks(text)
		}
	case TypePDF:
		text, err := pdfText(data)
		if err != nil {
			return nil, err
		}
		blocks = paragraphs(text)
	default:
		return nil, fmt.Errorf("a document cannot be %s: add plain text, Markdown, HTML or PDF", contentType)
	}
	blocks = cleanBlocks(blocks)
	if len(blocks) == 0 {
		return nil, ErrNoText
	}
	return blocks, nil
}

// checkText refuses bytes that are not UTF-8 text.
func checkText(data []byte) error {
	if bytes.IndexByte(data, 0) >= 0 {
		return errors.New("the document holds NUL bytes, so it is not text: add a text, Markdown, HTML or PDF file")
	}
	if !utf8.Valid(data) {
		return errors.New("the document is not UTF-8 text: save it as UTF-8 (most editors can) and add it again")
	}
	return nil
}

// cleanBlocks drops control characters (except line breaks and tabs), which a database may
// refuse and no reader wants, and blocks left empty.
func cleanBlocks(blocks []Block) []Block {
	var out []Block
	for _, b := range blocks {
		b.Text = strings.TrimSpace(strings.Map(func(r rune) rune {
			if r == utf8.RuneError || unicode.IsControl(r) && r != '\n' && r != '\t' {
				return -1
			}
			return r
		}, b.Text))
		if b.Text != "" {
			out = append(out, b)
		}
	}
	return out
}

// paragraphs cuts plain text at blank lines.
func paragraphs(text string) []Block {
	var blocks []Block
	for _, p := range blankLines.Split(text, -1) {
		if p = strings.TrimSpace(p); p != "" {
			blocks = append(blocks, Block{Text: p})
		}
	}
	return blocks
}

// blankLines matches the break between two paragraphs: a line with nothing but spaces.
var blankLines = regexp.MustCompile(`\n[ \t\f\v]*\n\s*`)

// atxHeading matches a Markdown heading such as "## Installing" (the level is the #s).
var atxHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)

// setextUnderline matches the line under a heading written as "Title\n=====" (level 1) or "-----" (2).
var setextUnderline = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)

// markdownBlocks reads the headings and paragraphs of Markdown. The rest (emphasis, links,
// lists) stays in the text as written: it reads well enough, and a model understands it.
// A fenced code block is one paragraph, whatever it holds.
func markdownBlocks(text string) []Block {
	var blocks []Block
	var paragraph []string
	endParagraph := func() {
		if len(paragraph) > 0 {
			blocks = append(blocks, Block{Text: strings.Join(paragraph, "\n")})
			paragraph = nil
		}
	}
	fence := "" // the ``` or ~~~ that opened the code block we are in
	for line := range strings.SplitSeq(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			paragraph = append(paragraph, line)
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
				endParagraph()
			}
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			endParagraph()
			fence = trimmed[:3]
			paragraph = append(paragraph, line)
		case trimmed == "":
			endParagraph()
		case atxHeading.MatchString(line):
			endParagraph()
			m := atxHeading.FindStringSubmatch(line)
			blocks = append(blocks, Block{Level: len(m[1]), Text: m[2]})
		case len(paragraph) == 1 && setextUnderline.MatchString(line):
			level := 1
			if trimmed[0] == '-' {
				level = 2
			}
			blocks = append(blocks, Block{Level: level, Text: paragraph[0]})
			paragraph = nil
		default:
			paragraph = append(paragraph, line)
		}
	}
	endParagraph()
	return blocks
}

// htmlSkipped are the elements whose content is not text for a reader: code, styles, pictures,
// the title in the browser's tab (the page's <h1> says it again). Each must have its end tag:
// <head> is not here because pages may leave out </head>, and the whole page would be skipped.
var htmlSkipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Title: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Canvas: true, atom.Select: true, atom.Textarea: true, atom.Button: true,
}

// htmlHeadings gives the level of each heading element.
var htmlHeadings = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

// htmlBlockElements end the paragraph before them: the text on either side is not one sentence.
var htmlBlockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Pre: true, atom.Blockquote: true,
	atom.Section: true, atom.Article: true, atom.Aside: true, atom.Header: true, atom.Footer: true,
	atom.Nav: true, atom.Main: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Hr: true, atom.Figure: true, atom.Figcaption: true, atom.Form: true, atom.Body: true,
	atom.Caption: true, atom.Address: true, atom.Details: true, atom.Summary: true,
}

// htmlBlocks reads the text of an HTML page, element by element, without building a tree (so
// a page nested a million deep costs no more than a flat one): headings become headings,
// block elements end paragraphs, and scripts, styles and the like are dropped.
func htmlBlocks(page string) []Block {
	var blocks []Block
	var text strings.Builder
	level := 0   // the heading being read, 0 outside headings
	skipped := 0 // how deep inside skipped elements we are
	end := func() {
		if words := oneLine(text.String()); words != "" {
			blocks = append(blocks, Block{Level: level, Text: words})
		}
		text.Reset()
	}
	tokens := html.NewTokenizer(strings.NewReader(page))
	for {
		switch tokens.Next() {
		case html.ErrorToken: // the end of the page (a tokenizer never fails on a string)
			end()
			return blocks
		case html.TextToken:
			if skipped == 0 {
				text.Write(tokens.Text())
			}
		case html.StartTagToken:
			name, _ := tokens.TagName()
			element := atom.Lookup(name)
			switch {
			case htmlSkipped[element]:
				skipped++
			case htmlHeadings[element] > 0:
				end()
				level = htmlHeadings[element]
			case htmlBlockElements[element]:
				end()
			}
		case html.SelfClosingTagToken: // <br/>, <svg/>: nothing inside
			name, _ := tokens.TagName()
			if htmlBlockElements[atom.Lookup(name)] {
				end()
			}
		case html.EndTagToken:
			name, _ := tokens.TagName()
			element := atom.Lookup(name)
			switch {
			case htmlSkipped[element]:
				skipped = max(skipped-1, 0)
			case htmlHeadings[element] > 0:
				end()
				level = 0
			case htmlBlockElements[element]:
				end()
			}
		}
	}
}
