// Package services holds the rules of each model: what a valid row is, and how rows are
// found, listed, saved and deleted. `fastopp add model` writes one file here per model, whose
// Validate<Model> function is the model's rules; pages and your own code call these services
// rather than the SQL directly, and the admin runs each Validate<Model> on every save.
// The small helpers those files share are in helpers.go, which fastopp writes with the first model.
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

// Problems returns what is wrong with each column: the admin shows each beside its field.
func (v ValidationError) Problems() map[string]string { return v }
