// Turning values into text and back: display shows what the database returned, and parseForm
// checks what a form sent against the table's fields. A new Kind needs a case in both, and
// in check (kinds.go) when its text has a format.

package admin

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// display writes a value from the database as text. Drivers differ (SQLite returns a Boolean
// as 0 or 1, PostgreSQL as true or false), so this is the one place that evens them out.
func display(value any, kind Kind) string {
	if kind == Password && value != nil {
		return "(hidden)" // a hash is no one's business, not even the audit log's
	}
	switch v := value.(type) {
	case nil:
		return ""
	case bool:
		return strconv.FormatBool(v)
	case int64:
		if kind == Boolean {
			return strconv.FormatBool(v != 0)
		}
		return strconv.FormatInt(v, 10)
	case time.Time:
		if kind == Date {
			return v.UTC().Format(time.DateOnly)
		}
		return v.UTC().Format("2006-01-02 15:04:05")
	case []byte:
		return string(v)
	case string:
		if kind == Date && len(v) > len(time.DateOnly) {
			return v[:len(time.DateOnly)] // a driver that gave the day with a time
		}
		return v
	}
	return fmt.Sprint(value)
}

// parseForm reads the editable fields of t from a posted form. It returns the values to save
// (column -> value) and, for each field that is wrong, a message to show beside it. Fields
// only a superuser may change are skipped for everyone else. hash turns a new password into
// what is stored, or says why the password is refused.
func parseForm(t Table, form url.Values, superuser bool, hash func(password string) (string, error)) (values map[string]any, problems map[string]string) {
	values, problems = map[string]any{}, map[string]string{}
	for _, f := range t.Fields {
		if f.ReadOnly || (f.SuperuserOnly && !superuser) || isUpload(f) { // files: uploads.go
			continue
		}
		text := strings.TrimSpace(form.Get(f.Column))
		if f.Required && text == "" && f.Kind != Boolean {
			problems[f.Column] = f.Label + " is required."
			continue
		}
		if text == "" && f.Kind != Boolean && f.Kind != Password {
			values[f.Column] = nil // an optional field left empty is stored as NULL
			continue
		}
		if problem := check(f, text); problem != "" {
			problems[f.Column] = problem
			continue
		}
		switch f.Kind {
		case Text, LongText:
			if f.MaxLength > 0 && utf8.RuneCountInString(text) > f.MaxLength {
				problems[f.Column] = fmt.Sprintf("Keep %s to %d characters or fewer.", f.Label, f.MaxLength)
				continue
			}
			if f.Lowercase {
				text = strings.ToLower(text)
			}
			values[f.Column] = text
		case Integer, ForeignKey:
			values[f.Column], _ = strconv.ParseInt(text, 10, 64) // check made sure it is a number
		case Decimal:
			values[f.Column] = withScale(text, f.Scale)
		case Date, Choice, JSON:
			values[f.Column] = text
		case DateTime:
			values[f.Column], _ = parseDateTime(text)
		case Boolean:
			// A checkbox sends its value only when it is ticked.
			values[f.Column] = text == "on" || text == "true"
		case Password:
			if text == "" {
				continue
			}
			hashed, err := hash(form.Get(f.Column)) // untrimmed: spaces can be part of a password
			if err != nil {
				problems[f.Column] = err.Error()
				continue
			}
			values[f.Column] = hashed
		}
	}
	return values, problems
}
