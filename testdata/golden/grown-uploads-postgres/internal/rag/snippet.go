// Snippets: the part of a chunk's text shown under a search result, around the first word of
// the query it holds, with each of the query's words marked. The page prints the parts with
// html/template, which escapes them: <mark> is the only markup, and it comes from the template.

package rag

import (
	"strings"
	"unicode"
)

// snippetLength is about how many characters of a chunk a result shows.
const snippetLength = 240

// snippetPart is a piece of a snippet: plain text, or one of the query's words to mark.
type snippetPart struct {
	Text string
	Mark bool
}

// snippet cuts text to about snippetLength characters around the first of words it holds,
// at word boundaries, with "…" where it was cut, and marks every one of words in it.
func snippet(text string, words []string) []snippetPart {
	wanted := map[string]bool{}
	for _, w := range words {
		wanted[w] = true
	}
	tokens := tokenize([]rune(text))
	first := 0 // the token the snippet is about
	for i, t := range tokens {
		if t.word && wanted[strings.ToLower(t.text)] {
			first = i
			break
		}
	}
	// Start a third of the length before it, then take tokens up to the length.
	from, length := first, 0
	for from > 0 && length+len(tokens[from-1].text) < snippetLength/3 {
		from--
		length += len(tokens[from].text)
	}
	to, length := from, 0
	for to < len(tokens) && length < snippetLength {
		length += len(tokens[to].text)
		to++
	}

	var parts []snippetPart
	add := func(text string, mark bool) {
		if n := len(parts); n > 0 && !mark && !parts[n-1].Mark {
			parts[n-1].Text += text // plain text runs together
			return
		}
		parts = append(parts, snippetPart{Text: text, Mark: mark})
	}
	if from > 0 {
		add("…", false)
	}
	for _, t := range tokens[from:to] {
		add(t.text, t.word && wanted[strings.ToLower(t.text)])
	}
	if to < len(tokens) {
		add("…", false)
	}
	return parts
}

// token is a run of letters and digits (a word) or of anything else.
type token struct {
	text string
	word bool
}

// tokenize splits text into words and what lies between them, as QueryWords sees words.
func tokenize(text []rune) []token {
	var tokens []token
	start := 0
	for i := 1; i <= len(text); i++ {
		if i == len(text) || isWordRune(text[i]) != isWordRune(text[start]) {
			tokens = append(tokens, token{text: string(text[start:i]), word: isWordRune(text[start])})
			start = i
		}
	}
	return tokens
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
