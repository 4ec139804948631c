// Small helpers that write values from the database as text, for the pages that
// `fastopp add model --pages` writes.

package pages

// orEmpty returns text, or "" for a NULL value (valid is false).
func orEmpty(text string, valid bool) string {
	if !valid {
		return ""
	}
	return text
}

// yesNo writes a boolean the way a person reads it.
func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
