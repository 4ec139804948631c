// PDF text, with github.com/ledongthuc/pdf. A PDF is a program more than a text: the library
// trusts it, so a damaged or hostile file could make it loop forever or use all the memory.
// Before the library reads anything, the checks here refuse what would: nesting too deep,
// page trees that loop, streams that end inside a string, inflated content that is too
// large, character maps that claim billions of entries.
package rag

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Limits on what a PDF may make the app do.
const (
	maxPDFPages        = 2000     // pages read; a file may claim a billion
	maxPDFNesting      = 10000    // arrays and dictionaries inside each other
	maxPDFContentBytes = 64 << 20 // page content and character maps, once inflated
	maxPDFMapEntries   = 10000    // entries in one block of a character map (the spec says 100)
	maxPDFParents      = 32       // steps up the page tree to find a page's resources
)

// pdfText returns the text of a PDF's pages, a blank line between two pages. A broken PDF is
// refused with a message, never a crash: the library reports some damage by panicking.
func pdfText(data []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", brokenPDF(fmt.Errorf("%v", r))
		}
	}()
	if depth := nesting(bytes.NewReader(data)); depth > maxPDFNesting {
		return "", brokenPDF(fmt.Errorf("objects nested %d deep", depth))
	}
	reader, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", brokenPDF(err)
	}
	budget := int64(maxPDFContentBytes)
	var out strings.Builder
	for _, page := range pdfPages(reader.Trailer().Key("Root").Key("Pages")) {
		fonts := map[string]*pdf.Font{}
		fontDict := inherited(page, "Resources").Key("Font")
		for _, name := range fontDict.Keys() {
			font := pdf.Font{V: fontDict.Key(name)}
			if err := checkStream(font.V.Key("ToUnicode"), &budget); err != nil {
				return "", brokenPDF(err)
			}
			fonts[name] = &font
		}
		contents := page.Key("Contents")
		streams := []pdf.Value{contents}
		if contents.Kind() == pdf.Array {
			streams = streams[:0]
			for i := range contents.Len() {
				streams = append(streams, contents.Index(i))
			}
		}
		for _, stream := range streams {
			if err := checkStream(stream, &budget); err != nil {
				return "", brokenPDF(err)
			}
		}
		pageText, err := pdf.Page{V: page}.GetPlainText(fonts)
		if err != nil {
			return "", brokenPDF(err)
		}
		out.WriteString(pageText)
		out.WriteString("\n\n")
	}
	return out.String(), nil
}

func brokenPDF(err error) error {
	return fmt.Errorf("the PDF cannot be read (%v): save it again from the program that made it, or paste its text", err)
}

// pdfPages returns the pages of the page tree under root, in order: at most maxPDFPages, and
// each node visited a bounded number of times, so a tree that loops back on itself ends.
func pdfPages(root pdf.Value) []pdf.Value {
	var pages []pdf.Value
	stack := []pdf.Value{root}
	for visits := 0; len(stack) > 0 && len(pages) < maxPDFPages && visits < 4*maxPDFPages; visits++ {
		node := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch node.Key("Type").Name() {
		case "Page":
			pages = append(pages, node)
		case "Pages":
			kids := node.Key("Kids")
			for i := min(kids.Len(), 4*maxPDFPages) - 1; i >= 0; i-- { // the first kid on top
				stack = append(stack, kids.Index(i))
			}
		}
	}
	return pages
}

// inherited returns the page's value for key, or its nearest ancestor's (resources are
// often given once, on the tree above the pages).
func inherited(page pdf.Value, key string) pdf.Value {
	v := page
	for range maxPDFParents {
		if v.IsNull() {
			break
		}
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// nesting returns how deep arrays and dictionaries nest in r, roughly: every [ and << opens,
// every ] and >> closes. The library reads nested objects by recursion, and a few megabytes
// of [[[[ would exhaust the stack, which no recover can catch.
func nesting(r io.Reader) int {
	in := bufio.NewReader(r)
	depth, deepest := 0, 0
	for {
		c, err := in.ReadByte()
		if err != nil {
			return deepest
		}
		switch c {
		case '[', '<':
			depth++
			deepest = max(deepest, depth)
		case ']', '>':
			depth = max(depth-1, 0)
		}
	}
}

// checkStream reads a stream of page content or a character map as the library will, and
// refuses it when the library would loop forever (a hex string <...> cut off by the end of
// the stream), when it inflates to more than the budget left, or when a character map block
// claims more entries than maxPDFMapEntries. Anything other than a stream passes.
func checkStream(v pdf.Value, budget *int64) error {
	if v.Kind() != pdf.Stream {
		return nil
	}
	stream := v.Reader()
	defer stream.Close()
	in := bufio.NewReader(io.LimitReader(stream, *budget+1))
	read := int64(0)
	next := func() (byte, bool) {
		c, err := in.ReadByte()
		if err != nil {
			return 0, false
		}
		read++
		return c, true
	}
	defer func() { *budget -= read }()
	var word []byte
	count := int64(0) // the number before the word being read
	endWord := func() error {
		defer func() { word = word[:0] }()
		if len(word) == 0 {
			return nil
		}
		if strings.Trim(string(word), "0123456789") == "" {
			count, _ = strconv.ParseInt(string(word), 10, 64)
			if len(word) > 18 {
				count = maxPDFMapEntries + 1 // too large to parse
			}
			return nil
		}
		if strings.HasPrefix(string(word), "begin") && count > maxPDFMapEntries {
			return fmt.Errorf("a character map claims %d entries", count)
		}
		count = 0
		return nil
	}
	for {
		c, ok := next()
		if !ok {
			if read > *budget {
				return errors.New("its pages hold too much content")
			}
			return endWord()
		}
		if c > ' ' && strings.IndexByte("()<>[]{}/%", c) < 0 {
			word = append(word, c)
			continue
		}
		if err := endWord(); err != nil {
			return err
		}
		switch c {
		case '%': // a comment, to the end of the line
			for ok && c != '\r' && c != '\n' {
				c, ok = next()
			}
		case '(': // a string, with \) escapes and (nested) parentheses
			for depth := 1; depth > 0; {
				if c, ok = next(); !ok {
					break
				}
				switch c {
				case '\\':
					next()
				case '(':
					depth++
				case ')':
					depth--
				}
			}
		case '<':
			if b, err := in.Peek(1); err == nil && b[0] == '<' {
				next() // a dictionary
				break
			}
			for c != '>' { // a hex string: the library reads it until a >, and forever at the end
				if c, ok = next(); !ok {
					return errors.New("a string is cut off by the end of its stream")
				}
			}
		case '/': // a name: its letters are not a number
			word = append(word, c)
		}
	}
}
