// Chunking: a document's text is cut into pieces of about RAG_CHUNK_TOKENS tokens, the unit
// that is embedded, found and quoted. The cuts follow the document's structure: a heading
// starts a new chunk and names it (its heading path, "Setup > Installing"), and paragraphs
// stay whole when they fit. Each chunk repeats the last RAG_CHUNK_OVERLAP tokens of the one
// before it in its section, so a sentence cut in two is still found whole in one of them.
package rag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Block is one piece of a document's structure, as extract.go reads it: a heading of Level 1
// to 6 (1 is the largest, like <h1> or "# "), or a paragraph (Level 0).
type Block struct {
	Level int
	Text  string
}

// Chunk is a piece of a document, ready to save: Position orders it within its document.
// Its JSON names are the columns of rag_chunks, which AddDocument saves it to.
type Chunk struct {
	ID       int64  `json:"id,omitempty"` // its row in rag_chunks; 0 until saved
	Position int    `json:"position"`
	Heading  string `json:"heading"` // the path of headings above it, "Setup > Installing"; "" before the first
	Text     string `json:"text"`
	Tokens   int    `json:"tokens"`
}

// headingSeparator joins the headings of a heading path.
const headingSeparator = " > "

// CountTokens estimates how many tokens a language model reads in text. Models cut English
// into pieces of about four characters, and most other scripts into about one character
// each: every word counts a token per four ASCII characters (at least one), plus one for each
// other character. It is an estimate, the same everywhere in the app (chunk sizes, the chat's
// budgets), and errs on the high side, so a budget is never overrun.
func CountTokens(text string) int {
	tokens := 0
	for word := range strings.FieldsSeq(text) {
		ascii := 0
		for _, r := range word {
			if r < utf8.RuneSelf {
				ascii++
			} else {
				tokens++
			}
		}
		tokens += (ascii + 3) / 4
	}
	return tokens
}

// Chunker cuts blocks into chunks of at most Size tokens, each starting with the last Overlap
// tokens of the chunk before it in the same section.
type Chunker struct {
	Size, Overlap int
}

// NewChunker returns a Chunker for RAG_CHUNK_TOKENS and RAG_CHUNK_OVERLAP. An overlap that
// would leave no room for new text is cut to a quarter of the size.
func NewChunker(size, overlap int) Chunker {
	size = max(size, 1)
	if overlap < 0 || overlap > size/2 {
		overlap = size / 4
	}
	return Chunker{Size: size, Overlap: overlap}
}

// Chunk cuts blocks into chunks, numbered from 0.
func (c Chunker) Chunk(blocks []Block) []Chunk {
	var (
		chunks   []Chunk
		headings []Block // the headings above the current text, largest first
		parts    []string
		tokens   int
		overlap  string // the tail of the last chunk of this section, to start the next one
	)
	heading := func() string {
		names := make([]string, len(headings))
		for i, h := range headings {
			names[i] = h.Text
		}
		return strings.Join(names, headingSeparator)
	}
	flush := func() {
		if len(parts) == 0 {
			return
		}
		text := strings.Join(parts, "\n\n")
		chunks = append(chunks, Chunk{Position: len(chunks), Heading: heading(), Text: text, Tokens: CountTokens(text)})
		overlap = lastTokens(text, c.Overlap)
		parts, tokens = nil, 0
	}
	// start begins a new chunk with the overlap of the one before, then adds text.
	start := func(text string, n int) {
		flush()
		if overlap != "" {
			parts, tokens = []string{overlap}, CountTokens(overlap)
		}
		parts, tokens = append(parts, text), tokens+n
	}
	for _, block := range blocks {
		text := strings.TrimSpace(block.Text)
		if text == "" {
			continue
		}
		if block.Level > 0 {
			// A heading ends the section before it: no overlap across it.
			flush()
			overlap = ""
			for len(headings) > 0 && headings[len(headings)-1].Level >= block.Level {
				headings = headings[:len(headings)-1]
			}
			headings = append(headings, Block{Level: block.Level, Text: oneLine(text)})
			continue
		}
		n := CountTokens(text)
		switch {
		case tokens+n <= c.Size:
			parts, tokens = append(parts, text), tokens+n
		case c.Overlap+n <= c.Size:
			start(text, n) // the paragraph fits whole in the next chunk, after the overlap
		default:
			// Longer than a chunk: cut it into windows of words that overlap.
			for _, piece := range c.window(text) {
				start(piece, CountTokens(piece))
			}
		}
	}
	flush()
	return chunks
}

// window cuts a text longer than a chunk into pieces of at most Size-Overlap tokens, at
// spaces (or anywhere, in a "word" longer than a whole piece), so that each piece and the
// overlap start() puts before it fit in a chunk.
func (c Chunker) window(text string) []string {
	limit := max(c.Size-c.Overlap, 1)
	var pieces []string
	var piece strings.Builder
	tokens := 0
	add := func(word string) {
		n := CountTokens(word)
		if tokens > 0 && tokens+n > limit {
			pieces = append(pieces, piece.String())
			piece.Reset()
			tokens = 0
		}
		if piece.Len() > 0 {
			piece.WriteByte(' ')
		}
		piece.WriteString(word)
		tokens += n
	}
	for word := range strings.FieldsSeq(text) {
		for _, part := range splitLongWord(word, limit) {
			add(part)
		}
	}
	if piece.Len() > 0 {
		pieces = append(pieces, piece.String())
	}
	return pieces
}

// splitLongWord cuts a word of more than limit tokens (a long URL, text without spaces, such
// as Chinese) into parts that fit.
func splitLongWord(word string, limit int) []string {
	if CountTokens(word) <= limit {
		return []string{word}
	}
	var parts []string
	start, tokens, ascii := 0, 0, 0
	for i, r := range word {
		cost := 1
		if r < utf8.RuneSelf {
			cost = 0
			if ascii%4 == 0 {
				cost = 1 // the first of each four ASCII characters starts a token
			}
			ascii++
		}
		if tokens+cost > limit {
			parts = append(parts, word[start:i])
			start, tokens, ascii = i, 0, 0
			if r < utf8.RuneSelf {
				ascii = 1
			}
			cost = 1
		}
		tokens += cost
	}
	return append(parts, word[start:])
}

// lastTokens returns the words at the end of text that make up at most n tokens.
func lastTokens(text string, n int) string {
	if n <= 0 {
		return ""
	}
	words := strings.Fields(text)
	tokens, first := 0, len(words)
	for first > 0 {
		t := CountTokens(words[first-1])
		if tokens+t > n {
			break
		}
		tokens += t
		first--
	}
	return strings.Join(words[first:], " ")
}

// oneLine turns the white space inside a heading (a line break in an HTML heading) into spaces.
func oneLine(text string) string {
	return strings.Join(strings.FieldsFunc(text, unicode.IsSpace), " ")
}
