// Checking the text a form sent for the kinds that have a format: numbers, decimals, days,
// times, choices and JSON. parseForm (values.go) calls check before it keeps a value.

package admin

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// decimalPattern is a decimal number as people type it: 12, -3.5, +0.25.
var decimalPattern = regexp.MustCompile(`^[+-]?[0-9]{1,20}(\.[0-9]+)?$`)

// check returns why text is no good for field f, or "" when it is. text is never empty here.
// A field's own Check comes last.
func check(f Field, text string) string {
	if problem := checkKind(f, text); problem != "" || f.Check == nil {
		return problem
	}
	return f.Check(text)
}

// checkKind is check for the kinds with a format.
func checkKind(f Field, text string) string {
	switch f.Kind {
	case Integer, ForeignKey:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil || f.Kind == ForeignKey && n < 1 {
			return f.Label + " must be a whole number, such as 42."
		}
	case Decimal:
		_, decimals, _ := strings.Cut(text, ".")
		if !decimalPattern.MatchString(text) || len(decimals) > f.Scale {
			return fmt.Sprintf("%s must be a number with at most %d digits after the point, such as %s.", f.Label, f.Scale, withScale("12", f.Scale))
		}
	case Date:
		if _, err := time.Parse(time.DateOnly, text); err != nil {
			return f.Label + " must be a day written YYYY-MM-DD, such as 2030-01-31."
		}
	case DateTime:
		if _, err := parseDateTime(text); err != nil {
			return f.Label + " must be a date and time, such as 2030-01-31T14:30."
		}
	case Choice:
		if !slices.ContainsFunc(f.Choices, func(o Option) bool { return o.Value == text }) {
			return "Choose one of the " + f.Label + " options."
		}
	case JSON:
		if !json.Valid([]byte(text)) {
			return f.Label + ` must be valid JSON, such as {"size": 3}.`
		}
	}
	return ""
}

// parseDateTime reads what an <input type="datetime-local"> sent, as a time in UTC.
func parseDateTime(text string) (time.Time, error) {
	t, err := time.Parse("2006-01-02T15:04", text)
	if err != nil {
		t, err = time.Parse("2006-01-02T15:04:05", text) // with seconds
	}
	return t, err
}

// withScale writes a checked decimal with exactly scale digits after the point ("12.5" with
// scale 2 is "12.50"), the way PostgreSQL's NUMERIC gives it back. It stays text: a float
// would turn 0.1 into 0.1000000000000000055.
func withScale(text string, scale int) string {
	text = strings.TrimPrefix(text, "+")
	whole, decimals, _ := strings.Cut(text, ".")
	if scale == 0 {
		return whole
	}
	return whole + "." + decimals + strings.Repeat("0", scale-len(decimals))
}

// dateTimeInput writes a stored time ("2030-01-31 14:30:00") the way a datetime-local input
// wants it ("2030-01-31T14:30:00").
func dateTimeInput(text string) string {
	return strings.Replace(text, " ", "T", 1)
}
