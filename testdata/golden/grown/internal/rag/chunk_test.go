// Tests for chunk.go: token counting, heading paths, whole paragraphs, sizes, overlap and
// positions, and input that is hard to cut (no spaces, one giant word, empty).

package rag

import (
	"fmt"
	"strings"
	"testing"
)

func TestCountTokens(t *testing.T) {
	for text, want := range map[string]int{
		"":                     0,
		"   \n\t":              0,
		"a":                    1,
		"word":                 1,
		"words":                2,
		"the cat sat":          3,
		"internationalization": 5,
		"café":                 2, // caf + é
		"日本語":                  3,
		"hello, world!":        4,
	} {
		if got := CountTokens(text); got != want {
			t.Errorf("CountTokens(%q) = %d, want %d", text, got, want)
		}
	}
}

// words returns n different words of one token each.
func words(prefix string, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("%s%d", prefix, i%100)
	}
	return strings.Join(w, " ")
}

func TestChunkFollowsHeadings(t *testing.T) {
	blocks := []Block{
		{Text: "Before any heading."},
		{Level: 1, Text: "Setup"},
		{Text: "Get ready."},
		{Level: 2, Text: "Installing"},
		{Text: "Run the installer."},
		{Level: 3, Text: "On Linux"},
		{Text: "Use apt."},
		{Level: 2, Text: "Configuring"},
		{Text: "Edit the file."},
		{Level: 1, Text: "Usage"},
		{Text: "Start it."},
		{Level: 3, Text: "Deep, without a level 2"},
		{Text: "Still works."},
	}
	chunks := NewChunker(100, 10).Chunk(blocks)
	want := []struct{ heading, text string }{
		{"", "Before any heading."},
		{"Setup", "Get ready."},
		{"Setup > Installing", "Run the installer."},
		{"Setup > Installing > On Linux", "Use apt."},
		{"Setup > Configuring", "Edit the file."},
		{"Usage", "Start it."},
		{"Usage > Deep, without a level 2", "Still works."},
	}
	if len(chunks) != len(want) {
		t.Fatalf("got %d chunks %+v, want %d", len(chunks), chunks, len(want))
	}
	for i, w := range want {
		c := chunks[i]
		if c.Position != i || c.Heading != w.heading || c.Text != w.text || c.Tokens != CountTokens(w.text) {
			t.Errorf("chunk %d = %+v, want heading %q, text %q", i, c, w.heading, w.text)
		}
	}
}

// TestChunkKeepsParagraphsWhole: paragraphs that fit together share a chunk; one that does not
// fit goes whole into the next, which starts with the overlap.
func TestChunkKeepsParagraphsWhole(t *testing.T) {
	a, b, c := words("a", 40), words("b", 40), words("c", 40)
	chunks := NewChunker(100, 10).Chunk([]Block{{Text: a}, {Text: b}, {Text: c}})
	if len(chunks) != 2 {
		t.Fatalf("got %d chunks, want 2: %+v", len(chunks), chunks)
	}
	if chunks[0].Text != a+"\n\n"+b {
		t.Errorf("chunk 0 = %q, want the first two paragraphs", chunks[0].Text)
	}
	overlap := lastTokens(b, 10)
	if chunks[1].Text != overlap+"\n\n"+c {
		t.Errorf("chunk 1 = %q, want the overlap %q then the third paragraph whole", chunks[1].Text, overlap)
	}
	if CountTokens(overlap) != 10 {
		t.Errorf("overlap %q is %d tokens, want 10", overlap, CountTokens(overlap))
	}
}

// TestChunkSizesAndOverlap: over many sizes and texts, every chunk fits, starts with the end of
// the chunk before it (within a section), and together the chunks hold every word in order.
func TestChunkSizesAndOverlap(t *testing.T) {
	texts := map[string][]Block{
		"one long paragraph":  {{Text: words("w", 2000)}},
		"many short ones":     splitBlocks(words("s", 1500), 7),
		"mixed lengths":       {{Text: words("x", 5)}, {Text: words("y", 700)}, {Text: words("z", 30)}},
		"no spaces (Chinese)": {{Text: strings.Repeat("文", 1000)}},
		"one giant word":      {{Text: strings.Repeat("x", 5000)}},
	}
	for name, blocks := range texts {
		for _, size := range []int{20, 50, 300, 1000} {
			for _, overlap := range []int{0, 5, size / 4} {
				c := NewChunker(size, overlap)
				chunks := c.Chunk(blocks)
				if len(chunks) == 0 {
					t.Fatalf("%s, size %d: no chunks", name, size)
				}
				for i, chunk := range chunks {
					if chunk.Tokens > size || chunk.Tokens != CountTokens(chunk.Text) {
						t.Errorf("%s, size %d overlap %d: chunk %d has %d tokens (counted %d)", name, size, overlap, i, chunk.Tokens, CountTokens(chunk.Text))
					}
					if chunk.Position != i {
						t.Errorf("%s: chunk %d has position %d", name, i, chunk.Position)
					}
					if i > 0 && overlap > 0 {
						tail := lastTokens(chunks[i-1].Text, overlap)
						if !strings.HasPrefix(chunk.Text, tail) {
							t.Errorf("%s, size %d overlap %d: chunk %d starts %.40q, want the tail %.40q of the one before",
								name, size, overlap, i, chunk.Text, tail)
						}
					}
				}
				if got, want := withoutOverlap(c, chunks), strings.Join(strings.Fields(joinBlocks(blocks)), ""); got != want {
					t.Errorf("%s, size %d overlap %d: the chunks lost or reordered text", name, size, overlap)
				}
			}
		}
	}
}

// withoutOverlap puts the chunks' text back together, each without the overlap it repeats,
// with no white space.
func withoutOverlap(c Chunker, chunks []Chunk) string {
	var out strings.Builder
	for i, chunk := range chunks {
		text := chunk.Text
		if i > 0 {
			text = strings.TrimPrefix(text, lastTokens(chunks[i-1].Text, c.Overlap))
		}
		out.WriteString(strings.Join(strings.Fields(text), ""))
	}
	return out.String()
}

func splitBlocks(text string, per int) []Block {
	w := strings.Fields(text)
	var blocks []Block
	for i := 0; i < len(w); i += per {
		blocks = append(blocks, Block{Text: strings.Join(w[i:min(i+per, len(w))], " ")})
	}
	return blocks
}

func joinBlocks(blocks []Block) string {
	var parts []string
	for _, b := range blocks {
		parts = append(parts, b.Text)
	}
	return strings.Join(parts, " ")
}

func TestChunkOfNothing(t *testing.T) {
	for name, blocks := range map[string][]Block{
		"no blocks":     nil,
		"empty blocks":  {{Text: ""}, {Text: "  \n "}},
		"only headings": {{Level: 1, Text: "A"}, {Level: 2, Text: "B"}},
	} {
		if chunks := NewChunker(300, 50).Chunk(blocks); len(chunks) != 0 {
			t.Errorf("%s: got %+v, want no chunks", name, chunks)
		}
	}
}

func TestNewChunkerKeepsRoomForNewText(t *testing.T) {
	for _, tt := range []struct{ size, overlap, wantSize, wantOverlap int }{
		{300, 50, 300, 50},
		{100, 100, 100, 25},
		{100, -1, 100, 25},
		{0, 0, 1, 0},
	} {
		c := NewChunker(tt.size, tt.overlap)
		if c.Size != tt.wantSize || c.Overlap != tt.wantOverlap {
			t.Errorf("NewChunker(%d, %d) = %+v, want size %d overlap %d", tt.size, tt.overlap, c, tt.wantSize, tt.wantOverlap)
		}
	}
}
