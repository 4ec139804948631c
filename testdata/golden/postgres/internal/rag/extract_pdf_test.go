// Tests for extract_pdf.go: a suite of hostile PDFs, each written here byte by byte, that
// would crash, hang or exhaust the app if the checks before the PDF library missed them.
// A Go stack overflow kills the whole process (no recover catches it), so each case runs in
// a child process of the test binary: a regression fails one test instead of the whole run.

package rag

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// flate returns s compressed as a FlateDecode stream holds it.
func flate(s string) string {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	w.Write([]byte(s))
	w.Close()
	return out.String()
}

// flateStream returns a PDF stream object holding content, compressed.
func flateStream(content string) string {
	data := flate(content)
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(data), data)
}

// packedPDF describes a PDF 1.5 file: objects at the top level, then objects packed in one
// compressed object stream, found through a cross-reference stream. The extra fields make
// it hostile.
type packedPDF struct {
	top, packed []string
	stmDict     string // more entries for the object stream's dictionary
	selfPacked  bool   // the table claims the object stream lies inside itself
}

// bytes writes the file: objects 1..len(top), then the packed ones, then the object stream,
// then the cross-reference stream.
func (p packedPDF) bytes() []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.5\n")
	offsets := map[int]int{}
	for i, object := range p.top {
		offsets[i+1] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, object)
	}
	var index, body strings.Builder
	for i, object := range p.packed {
		fmt.Fprintf(&index, "%d %d ", len(p.top)+1+i, body.Len())
		body.WriteString(object + "\n")
	}
	stm := len(p.top) + len(p.packed) + 1
	data := flate(index.String() + body.String())
	offsets[stm] = out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode %s >>\nstream\n%s\nendstream\nendobj\n",
		stm, len(p.packed), index.Len(), len(data), p.stmDict, data)
	xref := stm + 1
	offsets[xref] = out.Len()
	var table bytes.Buffer
	for id := 0; id <= xref; id++ {
		kind, field1, field2 := 1, offsets[id], 0
		switch {
		case id == 0:
			kind, field1, field2 = 0, 0, 65535
		case id > len(p.top) && id < stm:
			kind, field1, field2 = 2, stm, id-len(p.top)-1
		case id == stm && p.selfPacked:
			kind, field1, field2 = 2, stm, 0
		}
		table.Write([]byte{byte(kind), byte(field1 >> 24), byte(field1 >> 16), byte(field1 >> 8), byte(field1), byte(field2 >> 8), byte(field2)})
	}
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n",
		xref, xref+1, table.Len(), table.String())
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", offsets[xref])
	return out.Bytes()
}

// withPrev returns a classic PDF whose cross-reference table says the previous table is at
// offset prev (a table that names itself loops).
func withPrev(data []byte, prev func(xref int) int) []byte {
	at := bytes.LastIndex(data, []byte("\nxref\n")) + 1
	return bytes.Replace(data, []byte("/Root 1 0 R"), fmt.Appendf(nil, "/Root 1 0 R /Prev %d", prev(at)), 1)
}

// hugeMap returns a character map of blocks×perBlock entries, each block under the limit.
func hugeMap(blocks, perBlock int) string {
	var m strings.Builder
	m.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	for b := range blocks {
		fmt.Fprintf(&m, "%d beginbfchar\n", perBlock)
		for i := range perBlock {
			fmt.Fprintf(&m, "<%04X> <%04X>\n", (b*perBlock+i)%0xFFFF, 0x41)
		}
		m.WriteString("endbfchar\n")
	}
	return m.String()
}

// manyFonts returns a PDF of 2000 pages sharing resources of n fonts: the library would look
// every font up again on every page.
func manyFonts(n int) []byte {
	var fonts, kids strings.Builder
	for i := range n {
		fmt.Fprintf(&fonts, "/F%d 3 0 R ", i)
	}
	objects := []string{"<< /Type /Catalog /Pages 2 0 R >>", "",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", "<< /Font << " + fonts.String() + " >> >>", stream("BT (x) Tj ET")}
	for i := range 2000 {
		fmt.Fprintf(&kids, "%d 0 R ", 6+i)
		objects = append(objects, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>")
	}
	objects[1] = "<< /Type /Pages /Resources 4 0 R /Kids [" + kids.String() + "] /Count 2000 >>"
	return pdfFile(objects...)
}

// hostilePDFs are files each refused with "cannot be read" in a few seconds.
func hostilePDFs() map[string][]byte {
	font := "<< /Font << /F1 5 0 R >> >>"
	type0 := "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>"
	deep := strings.Repeat("[", 1_000_000)
	catalog := "<< /Type /Catalog /Pages 2 0 R >>"
	pages := "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	page := "<< /Type /Page /Parent 2 0 R /Resources << >> /Contents 4 0 R >>"
	text := "<" + strings.Repeat("0001", 200_000) + ">"
	differences := "[300" + strings.Repeat(" /A", 200_000) + "]" // codes no byte has: walked to the end
	return map[string][]byte{
		"nesting in the file":            pdfFile("<< /Type /Catalog /Pages " + deep + " >>"),
		"nesting in an object stream":    packedPDF{top: []string{catalog}, packed: []string{"<< /Type /Pages /Kids " + deep + " >>"}}.bytes(),
		"nesting in a content stream":    onePagePDF("BT "+deep+" ET", "<< >>"),
		"nesting in a flate content":     pdfFile(catalog, pages, page, flateStream("BT "+deep+" ET")),
		"dictionaries nested in content": onePagePDF("BT "+strings.Repeat("<<", 500_000)+" ET", "<< >>"),
		"nesting in a character map": onePagePDF("BT /F1 1 Tf <01> Tj ET", font, type0,
			flateStream(strings.Repeat("[", 100_000))),
		"a character map of a million entries": onePagePDF("BT /F1 1 Tf "+text+" Tj ET", font, type0,
			flateStream(hugeMap(200, 5000))),
		"a character map too slow to decode": onePagePDF("BT /F1 1 Tf "+text+" Tj ET", font, type0,
			flateStream(hugeMap(18, 5000))),
		"differences of 200000 names": onePagePDF("BT /F1 1 Tf ("+strings.Repeat("x", 200_000)+") Tj ET", font,
			"<< /Type /Font /Subtype /Type1 /BaseFont /X /Encoding << /Differences "+differences+" >> >>"),
		"an object stream inside itself": packedPDF{top: []string{catalog}, packed: []string{pages}, selfPacked: true}.bytes(),
		"an object stream whose length it holds": packedPDF{top: []string{catalog}, packed: []string{pages, "99"},
			stmDict: "/Length 3 0 R"}.bytes(),
		"an object stream that extends itself": packedPDF{top: []string{catalog}, packed: []string{pages},
			stmDict: "/N 0 /Extends 3 0 R"}.bytes(),
		"a table whose previous table is itself":  withPrev(makePDF("hello"), func(xref int) int { return xref }),
		"an object that is a reference to itself": pdfFile("<< /Type /Catalog /Pages 2 0 R >>", "2 0 R"),
		"a file cut in its object stream": func() []byte {
			data := packedPDF{top: []string{catalog}, packed: []string{pages, page, stream("BT (x) Tj ET")}}.bytes()
			return append(data[:len(data)/2], "\nstartxref\n9\n%%EOF\n"...)
		}(),
		"a file cut short":               makePDF("hello")[:300],
		"a table of two billion objects": bytes.Replace(makePDF("hello"), []byte("\nxref\n0 "), []byte("\nxref\n1999999999 "), 1),
		"a table stream of two billion objects": bytes.Replace(packedPDF{top: []string{catalog}, packed: []string{pages}}.bytes(),
			[]byte("/Size 5"), []byte("/Size 2000000000"), 1),
		"a table stream whose type is in code": bytes.Replace(packedPDF{top: []string{catalog}, packed: []string{pages}, selfPacked: true}.bytes(),
			[]byte("/Type /XRef"), []byte("/Type /XR#65f"), 1),
		"a previous table named in code": bytes.Replace(withPrev(makePDF("hello"), func(xref int) int { return xref }),
			[]byte("/Prev"), []byte("/Pr#65v"), 1),
		"pages of 100000 fonts": manyFonts(100_000),
		"a predictor of a billion columns": pdfFile(catalog, pages, page,
			"<< /Length 10 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1000000000000 >> >>\nstream\n"+flate("BT ET")[:10]+"\nendstream"),
		"columns given by reference": pdfFile(catalog, pages, page,
			"<< /Length 10 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 5 0 R >> >>\nstream\n"+flate("BT ET")[:10]+"\nendstream",
			"1000000000000"),
		"a table stream with two widths": bytes.Replace(packedPDF{top: []string{catalog}, packed: []string{pages}, selfPacked: true}.bytes(),
			[]byte("/W [1 4 2]"), []byte("/W [1 4 2] /W [1 2 2]"), 1),
		"a file cut to its header": []byte("%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages [[[[[[[[[[\n%%EOF\n"),
	}
}

// hostileWhy is the reason each hostile PDF must be refused for: a check that stops
// catching its case fails the test even when something else happens to refuse the file.
var hostileWhy = map[string]string{
	"nesting in the file":                     "nested",
	"nesting in an object stream":             "nested",
	"nesting in a content stream":             "nested",
	"nesting in a flate content":              "nested",
	"dictionaries nested in content":          "nested",
	"nesting in a character map":              "nested",
	"a character map of a million entries":    "entries",
	"a character map too slow to decode":      "too long to decode",
	"differences of 200000 names":             "too long to decode",
	"an object stream inside itself":          "inside an object stream",
	"an object stream whose length it holds":  "refers to other objects",
	"an object stream that extends itself":    "refers to other objects",
	"a table whose previous table is itself":  "loop",
	"an object that is a reference to itself": "resolve",
	"a file cut in its object stream":         "widths",
	"a file cut short":                        "end with",
	"a file cut to its header":                "end with",
	"a table of two billion objects":          "objects",
	"a table stream of two billion objects":   "objects",
	"a table stream with two widths":          "widths",
	"a table stream whose type is in code":    "inside an object stream",
	"a previous table named in code":          "in code",
	"a predictor of a billion columns":        "Columns",
	"pages of 100000 fonts":                   "fonts",
	"columns given by reference":              "Columns",
}

// TestExtractSurvivesHostilePDFs runs every hostile PDF in a child process: each must be
// refused with the "cannot be read" message, for its reason, quickly, and the child must
// not crash.
func TestExtractSurvivesHostilePDFs(t *testing.T) {
	if name := os.Getenv("RAG_HOSTILE_PDF"); name != "" {
		_, err := Extract(TypePDF, hostilePDFs()[name])
		fmt.Printf("RESULT: %v\n", err) // the parent reads this line
		return
	}
	for name := range hostilePDFs() {
		if hostileWhy[name] == "" {
			t.Fatalf("%s: say why it must be refused in hostileWhy", name)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestExtractSurvivesHostilePDFs$")
			cmd.Env = append(os.Environ(), "RAG_HOSTILE_PDF="+name)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			if ctx.Err() != nil {
				t.Fatalf("still reading after %v", time.Since(start))
			}
			if err != nil {
				t.Fatalf("the process died: %v\n%.2000s", err, out)
			}
			if !strings.Contains(string(out), "RESULT: the PDF cannot be read") || !strings.Contains(string(out), hostileWhy[name]) {
				t.Fatalf("want the PDF refused (%s), got:\n%.2000s", hostileWhy[name], out)
			}
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("refused after %v, want a few seconds at most", took)
			}
		})
	}
}

// TestExtractReadsPackedPDFs: a valid PDF 1.5 with its objects in a compressed object stream
// and a cross-reference stream still extracts, after all the checks.
func TestExtractReadsPackedPDFs(t *testing.T) {
	pdf := packedPDF{
		top: []string{"<< /Type /Catalog /Pages 3 0 R >>", flateStream("BT /F1 12 Tf (Packed page text) Tj ET")},
		packed: []string{"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 3 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 2 0 R >>"},
	}.bytes()
	blocks, err := Extract(TypePDF, pdf)
	if err != nil || texts(blocks) != "0:Packed page text" {
		t.Fatalf("got %q, %v; want the page's text", texts(blocks), err)
	}
}

// TestExtractReadsMappedFonts: fonts with a character map or Differences of a realistic size
// are read, long text and all, well within the budget for decoding.
func TestExtractReadsMappedFonts(t *testing.T) {
	font := "<< /Font << /F1 5 0 R >> >>"
	var m strings.Builder
	m.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n300 beginbfchar\n")
	for i := range 300 {
		fmt.Fprintf(&m, "<%04X> <%04X>\n", i, 'a'+i%26)
	}
	m.WriteString("endbfchar\n")
	text := "<" + strings.Repeat("0000000100020003", 50_000) + ">" // "abcd", 50,000 times
	tests := []struct {
		name string
		data []byte
	}{
		{"a character map of 300 entries", onePagePDF("BT /F1 1 Tf "+text+" Tj ET", font,
			"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>", flateStream(m.String()))},
		{"differences of 200 names", onePagePDF("BT /F1 1 Tf ("+strings.Repeat("abcd", 50_000)+") Tj ET", font,
			"<< /Type /Font /Subtype /Type1 /BaseFont /X /Encoding << /Differences [97"+strings.Repeat(" /a /b /c /d", 50)+"] >> >>")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			blocks, err := Extract(TypePDF, tt.data)
			if err != nil || !strings.HasPrefix(texts(blocks), "0:abcdabcd") {
				t.Fatalf("got %.40q, %v; want the text", texts(blocks), err)
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}
