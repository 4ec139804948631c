// Package services holds the rules of each model: what a valid row is, and how rows are
// found, listed, saved and deleted. `fastopp add model` writes one file here per model; pages,
// the admin's tests and your own code call these services rather than the SQL directly.
package services

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrNotFound is returned when no row has the id asked for.
var ErrNotFound = errors.New("not found")

// PageSize is how many rows a list page shows when ListOptions does not say.
const PageSize = 50

// ListOptions choose which rows a List method returns.
type ListOptions struct {
	Search string // text to look for; empty finds every row
	Sort   string // a column name, with a leading - for descending; empty means newest first
	Page   int    // from 1
	Size   int    // rows per page; 0 means PageSize
}

// limits turns a page number and size into the LIMIT and OFFSET of a query.
func (o ListOptions) limits() (limit, offset int) {
	size := o.Size
	if size <= 0 {
		size = PageSize
	}
	return size, max(o.Page-1, 0) * size
}

// ValidationError lists what is wrong with a row, by field, in words a person can act on.
type ValidationError map[string]string

func (v ValidationError) Error() string {
	var parts []string
	for field, problem := range v {
		parts = append(parts, fmt.Sprintf("%s: %s", field, problem))
	}
	slices.Sort(parts) // the same problems always read the same
	return "invalid: " + strings.Join(parts, "; ")
}

// required records a problem for each named text field that is empty.
func required(problems ValidationError, fields map[string]string) {
	for name, value := range fields {
		if strings.TrimSpace(value) == "" {
			problems[name] = "must not be empty"
		}
	}
}

// orNil returns nil when there is no problem, so callers can write `if err != nil`.
func (v ValidationError) orNil() error {
	if len(v) == 0 {
		return nil
	}
	return v
}
