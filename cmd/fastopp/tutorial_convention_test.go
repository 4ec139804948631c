//go:build linux

// The Markdown convention of the tutorials (docs/tutorials/README.md): how TestTutorials reads
// a tutorial's steps, and how it judges what a step printed, edited or showed.

package main

import (
	"bufio"
	"errors"
	"fmt"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
)

// stepKind says what a step of a tutorial does; see docs/tutorials/README.md.
type stepKind int

const (
	stepRun      stepKind = iota // ```sh: run the commands
	stepOutput                   // ```text output: lines the previous command printed
	stepFile                     // ```go file=PATH: write the whole file
	stepEdit                     // ```diff edit=PATH: change the lines marked - into those marked +
	stepAppend                   // ```go append=PATH: add to the end of the file
	stepPage                     // ```text page=PATH (or html page=PATH): the page shows these lines
	stepLogin                    // <!-- test: login EMAIL PASSWORD -->
	stepPost                     // <!-- test: post PATH FORM -->
	stepStop                     // <!-- test: stop -->: Ctrl+C in the server's terminal
	stepAfter                    // <!-- test: after NN -->: continue from tutorial NN
	stepSolution                 // <!-- test: solution -->: apply the exercise's reference solution
)

// step is one block or test comment of a tutorial.
type step struct {
	kind  stepKind
	line  int               // where it starts in the file
	lang  string            // the fence's language (sh, go, html, text...)
	attrs map[string]string // the fence's words after the language: serve, fails, norun, file=...
	text  string            // the block's content
	arg   string            // a comment step's argument
}

var (
	fenceOpen    = regexp.MustCompile("^(\\s*)(```+)\\s*(\\S*)\\s*(.*)$")
	testComment  = regexp.MustCompile(`^\s*<!--\s*test:\s*(.*?)\s*-->\s*$`)
	placeholder  = regexp.MustCompile(`<([a-z][a-z0-9_]*)>`)
	exerciseFunc = regexp.MustCompile(`(?m)^func (TestExercise\w*)\(`)
	portInText   = regexp.MustCompile(`(localhost:|127\.0\.0\.1:|PORT=)(800\d|11434)\b`)
	pageFenceLng = map[string]bool{"text": true, "html": true}
)

// parseTutorial reads the steps of a tutorial: fenced blocks and <!-- test: ... --> comments.
func parseTutorial(file string) ([]step, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var steps []step
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if m := testComment.FindStringSubmatch(line); m != nil {
			s, err := commentStep(m[1], i+1)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", file, i+1, err)
			}
			steps = append(steps, s)
			continue
		}
		m := fenceOpen.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		indent, fence := m[1], m[2]
		var body []string
		j := i + 1
		for ; j < len(lines) && strings.TrimSpace(lines[j]) != fence; j++ {
			body = append(body, strings.TrimPrefix(lines[j], indent))
		}
		if j == len(lines) {
			return nil, fmt.Errorf("%s:%d: this code block is never closed", file, i+1)
		}
		s := step{line: i + 1, lang: m[3], attrs: fenceAttrs(m[4]), text: strings.Join(body, "\n") + "\n"}
		i = j
		switch {
		case s.lang == "sh":
			s.kind = stepRun
			if _, ok := s.attrs["norun"]; ok {
				continue
			}
		case s.attrs["file"] != "":
			s.kind = stepFile
		case s.attrs["edit"] != "":
			s.kind = stepEdit
			if s.lang != "diff" {
				return nil, fmt.Errorf("%s:%d: an edit is a ```diff block (lines marked \" \", - and +)", file, s.line)
			}
		case s.attrs["append"] != "":
			s.kind = stepAppend
		case s.attrs["page"] != "" && pageFenceLng[s.lang]:
			s.kind = stepPage
		case hasAttr(s.attrs, "output"):
			s.kind = stepOutput
			if len(steps) == 0 || steps[len(steps)-1].kind != stepRun {
				return nil, fmt.Errorf("%s:%d: an output block must follow a ```sh block", file, s.line)
			}
		default:
			continue // a block to read, not a step
		}
		steps = append(steps, s)
	}
	return steps, nil
}

func commentStep(text string, line int) (step, error) {
	fields := strings.Fields(text)
	s := step{line: line}
	if len(fields) == 0 {
		return s, errors.New("an empty <!-- test: --> comment")
	}
	args := fields[1:]
	want := map[string]int{"login": 2, "post": 2, "stop": 0, "after": 1, "solution": 0}
	n, ok := want[fields[0]]
	if !ok || len(args) != n {
		return s, fmt.Errorf("unknown test comment %q: see docs/tutorials/README.md", text)
	}
	s.kind = map[string]stepKind{"login": stepLogin, "post": stepPost, "stop": stepStop, "after": stepAfter, "solution": stepSolution}[fields[0]]
	s.arg = strings.Join(args, " ")
	return s, nil
}

func fenceAttrs(s string) map[string]string {
	attrs := map[string]string{}
	for _, f := range strings.Fields(s) {
		k, v, _ := strings.Cut(f, "=")
		attrs[k] = strings.Trim(v, `"`)
	}
	return attrs
}

func hasAttr(attrs map[string]string, name string) bool {
	_, ok := attrs[name]
	return ok
}

// match checks that output holds the lines of want in order. In want, "..." lines are skipped,
// runs of spaces match any, and <name> matches a word, remembered as name for later blocks
// (or, when name has a value already, matches that value).
func (r *tutorialRunner) match(output, want string) error {
	rest := output
	found := map[string]string{}
	for _, line := range strings.Split(r.expand(want), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line == "..." {
			continue
		}
		var names []string
		var pattern strings.Builder
		last := 0
		for _, m := range placeholder.FindAllStringSubmatchIndex(line, -1) {
			pattern.WriteString(spacesAsAny(line[last:m[0]]))
			pattern.WriteString(`([^\s"'<>,;]+)`)
			names = append(names, line[m[2]:m[3]])
			last = m[1]
		}
		pattern.WriteString(spacesAsAny(line[last:]))
		loc := regexp.MustCompile(pattern.String()).FindStringSubmatchIndex(rest)
		if loc == nil {
			return fmt.Errorf("the output lacks the line %q (after the lines before it):\n%s", line, output)
		}
		for i, name := range names {
			found[name] = rest[loc[2+2*i]:loc[3+2*i]]
		}
		rest = rest[loc[1]:]
	}
	for k, v := range found {
		r.vars[k] = v
	}
	return nil
}

func spacesAsAny(s string) string {
	parts := strings.Fields(s)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	joined := strings.Join(parts, `\s+`)
	if strings.HasPrefix(s, " ") && joined != "" {
		joined = `\s+` + joined
	}
	if strings.HasSuffix(s, " ") && joined != "" {
		joined += `\s+`
	}
	return joined
}

// editDiff applies a ```diff block to file: the lines marked " " (context) and "-" must be in
// the file once, one after the other; they become the lines marked " " and "+".
func editDiff(file, block string) (string, error) {
	var before, after []string
	var context []int // for each line of after: the index in before of its context line, or -1
	for _, l := range strings.Split(strings.TrimRight(block, "\n"), "\n") {
		marker, rest := " ", l
		if l != "" {
			marker, rest = l[:1], l[1:]
		}
		switch marker {
		case " ":
			context = append(context, len(before))
			before, after = append(before, rest), append(after, rest)
		case "-":
			before = append(before, rest)
		case "+":
			context = append(context, -1)
			after = append(after, rest)
		default:
			return "", fmt.Errorf("a diff line starts with a space, - or +, not %q", l)
		}
	}
	if len(before) == 0 {
		return "", errors.New("a diff needs a line of the file (context or -) to say where it goes")
	}
	lines := strings.Split(file, "\n")
	at := -1
	for i := 0; i+len(before) <= len(lines); i++ {
		same := true
		for j, b := range before {
			if strings.TrimSpace(lines[i+j]) != strings.TrimSpace(b) {
				same = false
				break
			}
		}
		if same {
			if at >= 0 {
				return "", fmt.Errorf("the lines to change are in the file more than once: %q", before)
			}
			at = i
		}
	}
	if at < 0 {
		return "", fmt.Errorf("the lines to change are not in the file: %q", before)
	}
	for i, c := range context {
		if c >= 0 {
			after[i] = lines[at+c] // a context line stays as the file has it
		}
	}
	out := append(append(append([]string{}, lines[:at]...), after...), lines[at+len(before):]...)
	return strings.Join(out, "\n"), nil
}

var (
	invisible = regexp.MustCompile(`(?is)<(script|style|template)\b.*?</(script|style|template)>|<!--.*?-->`)
	tag       = regexp.MustCompile(`(?s)<[^>]*>`)
	inlineTag = regexp.MustCompile(`(?i)^</?(a|abbr|b|code|em|i|kbd|mark|small|span|strong|time)\b`)
)

// visibleText is roughly what a browser shows of a page: no tags, no scripts, entities decoded.
func visibleText(page string) string {
	page = invisible.ReplaceAllString(page, " ")
	page = tag.ReplaceAllStringFunc(page, func(t string) string {
		if inlineTag.MatchString(t) {
			return "" // inline elements sit inside a line of text
		}
		return "\n"
	})
	var lines []string
	for _, l := range strings.Split(html.UnescapeString(page), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// exerciseChecks returns the names of the TestExercise tests that go test's output says have
// result (PASS or FAIL).
func exerciseChecks(out, result string) map[string]bool {
	names := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		if name, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "--- "+result+": TestExercise"); ok {
			names["TestExercise"+strings.Fields(name + " ")[0]] = true
		}
	}
	return names
}

// TestTutorialConvention checks the parts of the runner that judge a student's steps.
func TestTutorialConvention(t *testing.T) {
	r := &tutorialRunner{vars: map[string]string{}, ports: map[string]string{"8000": "41234"}}
	out := "Created a development superuser:\n  email:    admin@example.com\n  password: s3cret-Word\nlistening on http://localhost:41234\n"
	if err := r.match(out, "email: admin@example.com\npassword: <password>\n...\nlocalhost:8000\n"); err != nil {
		t.Fatal(err)
	}
	if r.vars["password"] != "s3cret-Word" {
		t.Errorf("password = %q", r.vars["password"])
	}
	if err := r.match(out, "password: <password>\nemail:"); err == nil {
		t.Error("lines out of order matched")
	}
	if got := r.expand("curl http://localhost:8000/x -d <password> <missing>"); got != "curl http://localhost:41234/x -d s3cret-Word <missing>" {
		t.Errorf("expand = %q", got)
	}
	file := "a\n  b\n  c\n  d\ne\n"
	got, err := editDiff(file, "  b\n- c\n+ C\n+ C2\n")
	if err != nil || got != "a\n  b\n C\n C2\n  d\ne\n" {
		t.Errorf("editDiff = %q, %v", got, err)
	}
	for _, bad := range []string{"-x\n", " b\n d\n", "+only\n", "?b\n"} {
		if _, err := editDiff(file, bad); err == nil {
			t.Errorf("editDiff accepted %q", bad)
		}
	}
	checks := exerciseChecks("--- FAIL: TestExerciseA (0.01s)\n    --- PASS: TestExerciseB/sub (0s)\n--- FAIL: TestOther\n", "FAIL")
	if len(checks) != 1 || !checks["TestExerciseA"] {
		t.Errorf("exerciseChecks = %v", checks)
	}
	if got := visibleText("<p>Hi &amp; <b>bye</b></p><script>x()</script><div>next</div>"); got != "Hi & bye\nnext" {
		t.Errorf("visibleText = %q", got)
	}
}
