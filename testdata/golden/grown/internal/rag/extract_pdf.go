// PDF text, with github.com/ledongthuc/pdf. A PDF is a program more than a text: the library
// trusts it, so a damaged or hostile file could make it loop forever or use all the memory.
// Before the library reads anything, the checks here refuse what would: nesting too deep
// (in the file or inside its compressed streams), tables of objects that loop back on
// themselves, page trees that loop, streams that end inside a string, inflated content that
// is too large, character maps too large to decode in reasonable time. A loop through the
// library's recursion is the worst case: it overflows the stack, which kills the whole
// server, not just this request, so checkPDFFile reads the tables of objects first.
package rag

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Limits on what a PDF may make the app do.
const (
	maxPDFPages        = 2000      // pages read; a file may claim a billion
	maxPDFNesting      = 10000     // arrays and dictionaries inside each other
	maxPDFContentBytes = 64 << 20  // page content and character maps, once inflated
	maxPDFMapEntries   = 100_000   // entries in one font's character map, all blocks together
	maxPDFObjects      = 1_000_000 // objects numbered: the library makes room for all at once
	maxPDFColumns      = 1 << 20   // bytes in a predictor's row: the library allocates one first
	maxPDFXrefs        = 100       // tables of objects, each pointing to the one before
	maxPDFFonts        = 200       // fonts on one page: each is looked up again on every page
	maxPDFParents      = 32        // steps up the page tree to find a page's resources
	maxPDFMapWork      = 4 << 30   // text bytes × map entries: about 4 s of the library's decoding
	differencesCost    = 10        // a Differences entry costs 10 map entries: it is resolved again for each character
)

// pdfText returns the text of a PDF's pages, a blank line between two pages. A broken PDF is
// refused with a message, never a crash: the library reports some damage by panicking.
func pdfText(data []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", brokenPDF(fmt.Errorf("%v", r))
		}
	}()
	if err := checkPDFFile(data); err != nil {
		return "", brokenPDF(err)
	}
	reader, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", brokenPDF(err)
	}
	budget := pdfBudget{bytes: maxPDFContentBytes, mapWork: maxPDFMapWork}
	var out strings.Builder
	for _, page := range pdfPages(reader.Trailer().Key("Root").Key("Pages")) {
		fonts, mapEntries, err := pageFonts(page, &budget)
		if err != nil {
			return "", brokenPDF(err)
		}
		if err := checkContents(page.Key("Contents"), mapEntries, &budget); err != nil {
			return "", brokenPDF(err)
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

// pdfBudget is what is left of the work one PDF may make the app do.
type pdfBudget struct {
	bytes   int64 // bytes of page content and character maps, once inflated
	mapWork int64 // character codes × map entries: the library looks each code up in a list
}

// pageFonts returns the page's fonts, checked, and the entries of its largest character map
// or list of Differences: the library decodes each character by walking that whole list,
// so the time it takes is the length of the text times the length of the list.
func pageFonts(page pdf.Value, budget *pdfBudget) (map[string]*pdf.Font, int64, error) {
	fonts := map[string]*pdf.Font{}
	largest := int64(0)
	fontDict := inherited(page, "Resources").Key("Font")
	if n := len(fontDict.Keys()); n > maxPDFFonts {
		return nil, 0, fmt.Errorf("a page has %d fonts", n)
	}
	for _, name := range fontDict.Keys() {
		font := pdf.Font{V: fontDict.Key(name)}
		found, err := checkStream(font.V.Key("ToUnicode"), budget)
		if err != nil {
			return nil, 0, err
		}
		differences := differencesCost * int64(font.V.Key("Encoding").Key("Differences").Len())
		largest = max(largest, found.mapEntries, differences)
		fonts[name] = &font
	}
	return fonts, largest, nil
}

// checkContents checks the page's content streams (one, or an array of them) and charges
// the budget for decoding their text with a character map of mapEntries entries.
func checkContents(contents pdf.Value, mapEntries int64, budget *pdfBudget) error {
	streams := []pdf.Value{contents}
	if contents.Kind() == pdf.Array {
		streams = streams[:0]
		for i := range min(contents.Len(), maxPDFPages) {
			streams = append(streams, contents.Index(i))
		}
	}
	for _, stream := range streams {
		found, err := checkStream(stream, budget)
		if err != nil {
			return err
		}
		budget.mapWork -= found.textBytes * max(mapEntries, 1)
		if budget.mapWork < 0 {
			return errors.New("its text is too long to decode with its fonts' character maps")
		}
	}
	return nil
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

// streamFacts is what checkStream found in a stream.
type streamFacts struct {
	mapEntries int64 // entries its character map blocks claim, all blocks together
	textBytes  int64 // bytes inside its strings: the character codes the library decodes
}

// checkStream reads a stream of page content or a character map as the library will, and
// refuses it when the library would loop forever (a hex string <...> cut off by the end of
// the stream), when it inflates to more than the budget left, when arrays or dictionaries
// nest deeper than maxPDFNesting, or when its character map claims more than
// maxPDFMapEntries entries. Anything other than a stream passes.
func checkStream(v pdf.Value, budget *pdfBudget) (found streamFacts, err error) {
	if v.Kind() != pdf.Stream {
		return found, nil
	}
	stream := v.Reader()
	defer stream.Close()
	in := bufio.NewReader(io.LimitReader(stream, budget.bytes+1))
	read := int64(0)
	next := func() (byte, bool) {
		c, err := in.ReadByte()
		if err != nil {
			return 0, false
		}
		read++
		return c, true
	}
	defer func() { budget.bytes -= read }()
	var word []byte
	count := int64(0) // the number before the word being read
	depth := 0        // arrays and dictionaries open
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
		if strings.HasPrefix(string(word), "begin") && strings.HasSuffix(string(word), "range") ||
			string(word) == "beginbfchar" || string(word) == "begincidchar" {
			found.mapEntries += count
			if found.mapEntries > maxPDFMapEntries {
				return fmt.Errorf("a character map claims %d entries", found.mapEntries)
			}
		}
		count = 0
		return nil
	}
	for {
		c, ok := next()
		if !ok {
			if read > budget.bytes {
				return found, errors.New("its pages hold too much content")
			}
			return found, endWord()
		}
		if c > ' ' && strings.IndexByte("()<>[]{}/%", c) < 0 {
			word = append(word, c)
			continue
		}
		if err := endWord(); err != nil {
			return found, err
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
				found.textBytes++
				switch c {
				case '\\':
					next()
				case '(':
					depth++
				case ')':
					depth--
				}
			}
		case '[':
			depth++
		case ']', '>':
			if b, err := in.Peek(1); c == '>' && err == nil && b[0] == '>' {
				next() // the end of a dictionary
			}
			depth = max(depth-1, 0)
		case '<':
			if b, err := in.Peek(1); err == nil && b[0] == '<' {
				next() // a dictionary
				depth++
				break
			}
			for c != '>' { // a hex string: the library reads it until a >, and forever at the end
				if c, ok = next(); !ok {
					return found, errors.New("a string is cut off by the end of its stream")
				}
				found.textBytes++
			}
		case '/': // a name: its letters are not a number
			word = append(word, c)
		}
		if depth > maxPDFNesting {
			return found, fmt.Errorf("objects nested more than %d deep in a stream", maxPDFNesting)
		}
	}
}

// checkPDFFile checks the file as a whole, before the library opens it: nesting in the file
// and in its object streams (compressed, so a scan of the file's bytes sees nothing of them),
// and the tables of objects, the "cross-reference" sections the library reads first.
func checkPDFFile(data []byte) error {
	if depth := nesting(bytes.NewReader(data)); depth > maxPDFNesting {
		return fmt.Errorf("objects nested %d deep", depth)
	}
	if err := checkDictionaries(data); err != nil {
		return err
	}
	tables, err := readXrefs(data)
	if err != nil {
		return err
	}
	return checkObjectStreams(data, tables)
}

// The keys these checks read by pattern.
var (
	checkedKeys  = []string{"Columns", "Prev", "W", "Index", "Size", "Length", "Extends", "Type", "Filter", "DecodeParms", "Predictor"}
	namePattern  = regexp.MustCompile(`/[^\s/\[\]<>(){}%]*#[^\s/\[\]<>(){}%]*`)
	columnsValue = regexp.MustCompile(`/Columns(?:\s|%[^\r\n]*)*(\d+)(\s+\d+\s+R)?`)
)

// checkDictionaries checks the dictionaries in data (the file, or an inflated object stream)
// for what the patterns here would misread: a checked key written with # escapes (the
// library reads /C#6Flumns as /Columns), and a predictor's /Columns that is not a plain,
// small number (the library allocates a row that long first: running out of memory kills
// the server too).
func checkDictionaries(data []byte) error {
	for _, escaped := range namePattern.FindAll(data, -1) {
		if slices.Contains(checkedKeys, unescapeName(escaped)) {
			return fmt.Errorf("its name %q is written in code", escaped)
		}
	}
	all := columnsValue.FindAllSubmatch(data, -1)
	if len(all) != bytes.Count(data, []byte("/Columns")) {
		return errors.New("a /Columns is not a number")
	}
	for _, m := range all {
		if n, ok := atoi(m[1]); !ok || n > maxPDFColumns || m[2] != nil {
			return fmt.Errorf("a /Columns of %s is too many", m[1])
		}
	}
	return nil
}

// unescapeName returns a name without its slash and with each #xx as the byte it stands for.
func unescapeName(name []byte) string {
	var out []byte
	for i := 1; i < len(name); i++ {
		if name[i] == '#' && i+2 < len(name) {
			if b, err := strconv.ParseUint(string(name[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(b))
				i += 2
				continue
			}
		}
		out = append(out, name[i])
	}
	return string(out)
}

// xrefs is what the tables of objects say, as far as these checks need: which objects are
// packed inside which object stream, and where the others start in the file.
type xrefs struct {
	packed  map[int]int   // object number → the object stream holding it
	offsets map[int][]int // object number → where it starts (every table's word)
}

var (
	startxrefPattern = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	prevPattern      = regexp.MustCompile(`/Prev(?:\s|%[^\r\n]*)*(\d+)`) // comments may sit between
)

// readXrefs follows the chain of tables of objects from the end of the file, as the library
// does (each names the one before with /Prev), and reads each. A chain that comes back to a
// table it has read is refused: the library would follow it forever.
func readXrefs(data []byte) (xrefs, error) {
	tables := xrefs{packed: map[int]int{}, offsets: map[int][]int{}}
	m := startxrefPattern.FindSubmatch(data[max(len(data)-1024, 0):]) // the library looks at the end too
	if m == nil {
		return tables, errors.New("it does not end with the place of its table of objects")
	}
	first, _ := atoi(m[1])
	seen := map[int]bool{}
	for queue := []int{first}; len(queue) > 0; queue = queue[1:] {
		at := queue[0]
		if seen[at] || len(seen) >= maxPDFXrefs {
			return tables, errors.New("its tables of objects loop")
		}
		seen[at] = true
		if at < 0 || at >= len(data) {
			continue // the library refuses the file itself
		}
		dict, body := objectAt(data, at)
		if err := tables.read(dict, body); err != nil {
			return tables, err
		}
		for _, prev := range prevPattern.FindAllSubmatch(dict, -1) { // a duplicate /Prev: follow both
			n, _ := atoi(prev[1])
			queue = append(queue, n)
		}
	}
	return tables, nil
}

// objectAt returns the dictionary that starts the section or object at offset at (for a
// classic table, the table and its trailer: everything up to the next startxref) and, when
// a stream follows it, the stream's bytes to the end of the file.
func objectAt(data []byte, at int) (dict, body []byte) {
	rest := data[at:]
	end := bytes.Index(rest, []byte("startxref"))
	if s := bytes.Index(rest, []byte("stream")); s >= 0 && (end < 0 || s < end) {
		body = bytes.TrimPrefix(bytes.TrimPrefix(rest[s+len("stream"):], []byte("\r")), []byte("\n"))
		return rest[:s], body
	}
	if end < 0 {
		end = len(rest)
	}
	return rest[:end], nil
}

// read reads one table: a classic one ("xref", then lines of numbers) or a stream.
func (t xrefs) read(dict, body []byte) error {
	if bytes.HasPrefix(dict, []byte("xref")) {
		return checkXrefTable(dict)
	}
	return t.readStream(dict, body)
}

// checkXrefTable checks the object numbers of a classic table: the library makes room for
// every number up to the largest, so "2000000000 1" would ask for gigabytes of memory, and
// running out of memory, like the stack, kills the server.
func checkXrefTable(table []byte) error {
	fields := bytes.Fields(table[len("xref"):])
	for len(fields) >= 2 && !bytes.Equal(fields[0], []byte("trailer")) {
		start, ok1 := atoi(fields[0])
		count, ok2 := atoi(fields[1])
		if !ok1 || !ok2 || count < 0 {
			return nil // the library refuses the table
		}
		if start+count > maxPDFObjects {
			return fmt.Errorf("it claims more than %d objects", maxPDFObjects)
		}
		fields = fields[min(2+3*count, len(fields)):]
	}
	return nil
}

var (
	widthsPattern    = regexp.MustCompile(`/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	indexPattern     = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	sizePattern      = regexp.MustCompile(`/Size\s+(\d+)`)
	lengthPattern    = regexp.MustCompile(`/Length\s+(\d+)(\s+\d+\s+R)?`)
	predictorPattern = regexp.MustCompile(`/Predictor\s+(\d+)`)
	columnsPattern   = regexp.MustCompile(`/Columns\s+(\d+)`)
	referencePattern = regexp.MustCompile(`\d+\s+\d+\s+R\b`)
)

// only returns the one match of pattern for key in dict. A key written twice, or in a form
// the pattern does not read, is refused: the library could read it otherwise than we do.
func only(pattern *regexp.Regexp, dict []byte, key string) ([][]byte, error) {
	matches := pattern.FindAllSubmatch(dict, -1)
	if n := bytes.Count(dict, []byte(key)); n != len(matches) || n > 1 {
		return nil, fmt.Errorf("a table of objects has a %s this app cannot check", key)
	}
	if len(matches) == 0 {
		return nil, nil
	}
	return matches[0], nil
}

// readStream reads a table of objects written as a stream (PDF 1.5): rows of three numbers,
// their widths in bytes given by /W. A row of type 1 gives where an object starts; a row of
// type 2 puts an object inside an object stream.
func (t xrefs) readStream(dict, body []byte) error {
	w, err := only(widthsPattern, dict, "/W ")
	if err != nil || w == nil {
		return errors.New("a table of objects has no widths this app can read")
	}
	widths := [3]int{}
	for i := range widths {
		widths[i], _ = atoi(w[i+1])
		if widths[i] > 8 {
			return errors.New("a table of objects has numbers too wide")
		}
	}
	sections, err := xrefSections(dict)
	if err != nil {
		return err
	}
	table, err := streamData(dict, body, maxPDFContentBytes)
	if err != nil {
		return err
	}
	row := widths[0] + widths[1] + widths[2]
	for _, section := range sections {
		for id := section[0]; id < section[0]+section[1] && row > 0 && len(table) >= row; id++ {
			kind := 1 // the default when the type has no bytes
			if widths[0] > 0 {
				kind = field(table[:widths[0]])
			}
			second := field(table[widths[0] : widths[0]+widths[1]])
			switch kind {
			case 1:
				t.offsets[id] = append(t.offsets[id], second)
			case 2:
				t.packed[id] = second
			}
			table = table[row:]
		}
	}
	return nil
}

// xrefSections returns the (first object, count) pairs of /Index, by default (0, /Size),
// refusing numbers beyond maxPDFObjects: the library makes room for all of them at once.
func xrefSections(dict []byte) ([][2]int, error) {
	index, err := only(indexPattern, dict, "/Index")
	if err != nil {
		return nil, err
	}
	size, err := only(sizePattern, dict, "/Size")
	if err != nil || size == nil {
		return nil, errors.New("a table of objects has no size this app can read")
	}
	n, _ := atoi(size[1])
	numbers := []int{0, n}
	if index != nil {
		numbers = numbers[:0]
		for _, f := range bytes.Fields(index[1]) {
			n, _ := atoi(f)
			numbers = append(numbers, n)
		}
	}
	sections := [][2]int{}
	for i := 0; i+1 < len(numbers); i += 2 {
		if numbers[i]+numbers[i+1] > maxPDFObjects || n > maxPDFObjects {
			return nil, fmt.Errorf("it claims more than %d objects", maxPDFObjects)
		}
		sections = append(sections, [2]int{numbers[i], numbers[i+1]})
	}
	return sections, nil
}

// field reads a big-endian number of the bytes.
func field(b []byte) int {
	n := 0
	for _, c := range b {
		n = n<<8 | int(c)
	}
	return n
}

// errDamagedStream: a stream that does not inflate (damaged, or encrypted).
var errDamagedStream = errors.New("a compressed stream is damaged")

// streamData returns the bytes of a stream, inflated when compressed with Flate (the only
// compression tables and object streams use in practice), refusing more than limit bytes.
// A predictor (PNG "Up", which tables often use) is undone.
func streamData(dict, body []byte, limit int64) ([]byte, error) {
	if !bytes.Contains(dict, []byte("/FlateDecode")) {
		if m := lengthPattern.FindSubmatch(dict); m != nil && m[2] == nil {
			if n, _ := atoi(m[1]); n <= len(body) {
				return body[:n], nil
			}
		}
		return body, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, errDamagedStream
	}
	// zlib stops at the end of its own data, so what it reads is all the library could.
	data, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("a stream inflates to more than %d MB", limit>>20)
	}
	if err != nil && len(data) == 0 {
		return nil, errDamagedStream
	}
	if predictorPattern.Match(dict) { // the library knows only "Up" (12), and refuses others
		columns := columnsPattern.FindSubmatch(dict)
		if columns == nil {
			return nil, errors.New("a compressed stream has no columns")
		}
		n, _ := atoi(columns[1])
		data = undoUp(data, n)
	}
	return data, nil
}

// undoUp undoes the PNG "Up" predictor: rows of a filter byte then columns bytes, each byte
// stored as its difference from the byte above.
func undoUp(data []byte, columns int) []byte {
	var out []byte
	above := make([]byte, columns)
	for len(data) >= columns+1 && columns > 0 {
		row := bytes.Clone(data[1 : columns+1])
		for i := range row {
			row[i] += above[i]
		}
		out = append(out, row...)
		above, data = row, data[columns+1:]
	}
	return out
}

// checkObjectStreams checks each object stream the tables name. The library finds an object
// packed in stream S by reading S, and S's dictionary (its /Length, its /Extends) by
// resolving references: a stream said to be inside itself or another stream, or whose
// dictionary refers to other objects, can send that recursion round in a circle, which
// overflows the stack and kills the server. Then the stream is inflated and its nesting
// measured, within the same 64 MB budget as page content.
func checkObjectStreams(data []byte, tables xrefs) error {
	budget := int64(maxPDFContentBytes)
	done := map[int]bool{}
	for _, stream := range tables.packed {
		if done[stream] {
			continue
		}
		done[stream] = true
		if _, inside := tables.packed[stream]; inside {
			return errors.New("an object stream is said to lie inside an object stream")
		}
		for _, at := range tables.offsets[stream] { // every table's word: the library takes one
			if at < 0 || at >= len(data) {
				continue // the library refuses the object
			}
			if err := checkObjectStream(data, at, &budget); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkObjectStream checks the object stream that starts at offset at.
func checkObjectStream(data []byte, at int, budget *int64) error {
	dict, body := objectAt(data, at)
	if referencePattern.Match(dict) {
		return errors.New("an object stream's dictionary refers to other objects")
	}
	content, err := streamData(dict, body, *budget)
	if errors.Is(err, errDamagedStream) {
		return nil // encrypted, most likely: the library's own limit of 1000 levels still holds
	}
	if err != nil {
		return err
	}
	*budget -= int64(len(content))
	if err := checkDictionaries(content); err != nil {
		return err
	}
	if depth := nesting(bytes.NewReader(content)); depth > maxPDFNesting {
		return fmt.Errorf("objects nested %d deep in an object stream", depth)
	}
	return nil
}

// atoi returns the number in b, and whether it is one.
func atoi(b []byte) (int, bool) {
	n, err := strconv.Atoi(string(b))
	return n, err == nil
}
