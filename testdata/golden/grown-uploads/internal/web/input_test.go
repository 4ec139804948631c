// Tests for what the app accepts from a request: text, page numbers and the example body
// ReadJSON shows. The hostile suites through the whole app are in internal/server.

package web

import (
	"net/url"
	"testing"
)

func TestTextProblem(t *testing.T) {
	for text, want := range map[string]string{
		"":                 "",
		"plain":            "",
		"café 日本 🎉":        "",
		"tab\tand\nlines":  "",
		"a\x00b":           "holds a NUL character (\\u0000)",
		"\x80":             "is not valid UTF-8 text",
		"\xc0\xaf":         "is not valid UTF-8 text",
		"\xed\xa0\x80":     "is not valid UTF-8 text",
		"caf\xc3":          "is not valid UTF-8 text",
		"\xf4\x90\x80\x80": "is not valid UTF-8 text",
		"\xc0\x80":         "is not valid UTF-8 text", // NUL written too long: still refused
	} {
		if got := TextProblem(text); got != want {
			t.Errorf("TextProblem(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestPageNumber(t *testing.T) {
	for query, want := range map[string]int{
		"":                                1,
		"page=":                           1,
		"page=1":                          1,
		"page=7":                          7,
		"page=0":                          1,
		"page=-3":                         1,
		"page=abc":                        1,
		"page=2.5":                        1,
		"page=%2B4":                       4,
		"page=4&page=9":                   4,
		"page=-99999999999999999999":      1,
		"page=2147483647":                 MaxPage,
		"page=9223372036854775807":        MaxPage,
		"page=99999999999999999999999999": MaxPage,
	} {
		values, _ := url.ParseQuery(query)
		if got := PageNumber(values); got != want {
			t.Errorf("PageNumber(%q) = %d, want %d", query, got, want)
		}
	}
	// The rows MaxPage skips fit a 32-bit OFFSET with pages of up to 1000 rows.
	if int64(MaxPage-1)*1000 > 1<<31-1 {
		t.Errorf("MaxPage %d overflows a 32-bit offset", MaxPage)
	}
}

func TestLastPage(t *testing.T) {
	for _, tt := range []struct {
		total int64
		size  int
		want  int
	}{
		{0, 50, 1}, {1, 50, 1}, {50, 50, 1}, {51, 50, 2}, {1 << 62, 50, MaxPage},
	} {
		if got := LastPage(tt.total, tt.size); got != tt.want {
			t.Errorf("LastPage(%d, %d) = %d, want %d", tt.total, tt.size, got, tt.want)
		}
	}
}

func TestJSONExample(t *testing.T) {
	var body struct {
		Email   string `json:"email"`
		Count   int64  `json:"count,omitempty"`
		Ratio   float64
		Admin   bool     `json:"admin"`
		Tags    []string `json:"tags"`
		Ignored string   `json:"-"`
		hidden  string
	}
	_ = body.hidden
	want := `{"email": "...", "count": 0, "Ratio": 0, "admin": false, "tags": ...}`
	if got := jsonExample(&body); got != want {
		t.Errorf("jsonExample = %s, want %s", got, want)
	}
}
