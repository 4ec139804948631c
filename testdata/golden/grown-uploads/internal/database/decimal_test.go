// Tests for the decimal collation: exact comparisons of decimals written as text.

package database

import (
	"cmp"
	"slices"
	"strings"
	"testing"
)

func TestCompareDecimals(t *testing.T) {
	// In order, smallest first; each row equals the ones in its own group.
	ordered := [][]string{
		{"-10000", "-10000.00"},
		{"-1000.50", "-1000.5"},
		{"-12.5", "-12.50", "-012.5"},
		{"-0.05"},
		{"0", "0.00", "-0", "+0", ".0", "-0.00"},
		{"0.05", ".05"},
		{"0.5", "0.50"},
		{"0.55"},
		{"5", "5.00", "+5", "05"},
		{"99.99"},
		{"100"},
		{"1000.50"},
		{"10000", "10000.00"},
		{"99999999999999999999.99"},
		{"", "1.2.3", "abc", "--1"}, // not numbers: last, in byte order among themselves
	}
	for i, group := range ordered {
		for j, other := range ordered {
			for _, a := range group {
				for _, b := range other {
					want := cmp.Compare(i, j)
					if i == len(ordered)-1 && j == i {
						want = strings.Compare(a, b)
					}
					if got := compareDecimals(a, b); got != want {
						t.Errorf("compareDecimals(%q, %q) = %d, want %d", a, b, got, want)
					}
				}
			}
		}
	}
	values := []string{"1000.50", "5.00", "-12.5", "10000", "0", "99.99"}
	slices.SortFunc(values, compareDecimals)
	if want := []string{"-12.5", "0", "5.00", "99.99", "1000.50", "10000"}; !slices.Equal(values, want) {
		t.Errorf("sorted: %q, want %q", values, want)
	}
}
