// What the app accepts from a request before any handler trusts it: text that every database
// can store, JSON read with errors that name the request's own fields, and page numbers that
// fit. The server's middleware checks the URL and forms (server/input.go); ReadJSON checks
// API bodies. A new kind of input gets its check here, so every handler shares it.

package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TextProblem says why s cannot be stored as text, or returns "" when it can. PostgreSQL
// refuses a NUL character and bytes that are not UTF-8 (with an error, so a 500); SQLite keeps
// them, and they then break every page that shows them. Both are refused at the door instead.
func TextProblem(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "is not valid UTF-8 text"
	case strings.ContainsRune(s, 0):
		return "holds a NUL character (\\u0000)"
	}
	return ""
}

// ReadJSON reads the request body, at most limit bytes of one JSON object, into v (a pointer
// to a struct). When the body is no good it answers 400 with what to fix and the shape of a
// good body, and returns false. Its messages name only the JSON fields, never the Go structs
// behind them: clients see the API, not its code.
func ReadJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) bool {
	problem := decodeJSON(w, r, limit, v)
	if problem == "" {
		return true
	}
	WriteError(w, http.StatusBadRequest, problem+": send JSON such as "+jsonExample(v))
	return false
}

// jsonExample writes the object v is read from, with a stand-in value for each field:
// {"email": "...", "password": "..."}.
func jsonExample(v any) string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return "{}"
	}
	var fields []string
	for i := range t.NumField() {
		field := t.Field(i)
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		if !field.IsExported() || name == "-" {
			continue
		}
		value := map[string]string{"text in quotes": `"..."`, "true or false": "false", "a whole number": "0", "a number": "0"}[jsonKind(field.Type)]
		fields = append(fields, fmt.Sprintf("%q: %s", cmp.Or(name, field.Name), cmp.Or(value, "...")))
	}
	return "{" + strings.Join(fields, ", ") + "}"
}

// decodeJSON does ReadJSON's work and returns what is wrong with the body, or "". The body is
// read to its end: only then does the server notice at once when the client goes away.
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) string {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return fmt.Sprintf("the body is longer than %d bytes", limit)
	case err != nil:
		return "the body could not be read"
	case len(bytes.TrimSpace(data)) == 0:
		return "the body is empty"
	case !utf8.Valid(data):
		return "the body is not valid UTF-8 text"
	}

	// First as plain JSON: one object, nothing after it, and no text holding a NUL.
	var object map[string]any
	decoder := json.NewDecoder(bytes.NewReader(data))
	if err := decoder.Decode(&object); err != nil || object == nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Sprintf("the body is not valid JSON (the mistake is near byte %d)", decoder.InputOffset())
		}
		return "the body is not a JSON object"
	}
	if _, err := decoder.Token(); err != io.EOF {
		return "the body goes on after its JSON object"
	}
	if field, problem := badTextIn(object); problem != "" {
		return fmt.Sprintf("the field %q %s", field, problem)
	}

	// Then into v, refusing a field v does not have: a misspelt name fails loudly instead of
	// being ignored.
	decoder = json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	err = decoder.Decode(v)
	var wrongType *json.UnmarshalTypeError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &wrongType):
		return fmt.Sprintf("the field %q must be %s", wrongType.Field, jsonKind(wrongType.Type))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Sprintf("%s is not a field of this request", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return "the body does not fit this request"
}

// badTextIn finds a key or a text value, at any depth of decoded JSON, that TextProblem
// refuses, and returns its field name and the problem.
func badTextIn(value any) (field, problem string) {
	switch value := value.(type) {
	case map[string]any:
		for key, inner := range value {
			if problem := TextProblem(key); problem != "" {
				return key, problem
			}
			if field, problem := badTextIn(inner); problem != "" {
				return cmp.Or(field, key), problem
			}
		}
	case []any:
		for _, inner := range value {
			if field, problem := badTextIn(inner); problem != "" {
				return field, problem
			}
		}
	case string:
		return "", TextProblem(value)
	}
	return "", ""
}

// jsonKind names, the way JSON does, the kind of value a Go type is read from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return jsonKind(t.Elem())
	case reflect.String:
		return "text in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list in [ ]"
	}
	return "an object in { }"
}

// MaxPage is the highest page number a list accepts: the rows it skips, (MaxPage-1) times a
// page's rows, stay far inside what any database takes as an OFFSET.
const MaxPage = math.MaxInt32 / 1000

// PageNumber is the ?page= of a list, from 1: anything that is not a whole number counts as
// the first page, and a number beyond MaxPage as MaxPage. A list shows its last page for a
// page past its end (see LastPage).
func PageNumber(values url.Values) int {
	text := values.Get("page")
	page, err := strconv.Atoi(text)
	switch {
	case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(text, "-"):
		return MaxPage
	case err != nil, page < 1:
		return 1
	}
	return min(page, MaxPage)
}

// LastPage is the number of the last page of a list of total rows shown size at a time:
// 1 for an empty list, which still shows its (empty) first page.
func LastPage(total int64, size int) int {
	return int(min(max((total+int64(size)-1)/int64(size), 1), MaxPage))
}
