// SQLite has no exact decimal type: a `decimal` field (fastopp add model Product price:decimal)
// keeps its text as written ("5.00", "1000.50"), which is exact, and the column's COLLATE
// decimal makes SQLite compare that text as numbers, so 5.00 sorts below 1000.50 and
// price > '100' means more than a hundred. The collation is registered here, with the driver.
// (The sqlite3 command line does not know it: compare with CAST(price AS REAL) there.)

package database

import (
	"cmp"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// registerCollations makes the "decimal" collation known to every connection the driver
// opens. The driver keeps collations for the whole program, so this runs once.
var registerCollations = sync.OnceFunc(func() {
	sqlite.MustRegisterCollationUtf8("decimal", compareDecimals)
})

// compareDecimals compares two decimals written as text, exactly: -1 when a is smaller, 0 when
// they are equal (5 and 5.00), +1 when a is larger. Text that is not a decimal sorts after
// every number, byte by byte, so the order stays total.
func compareDecimals(a, b string) int {
	x, xOK := parseDecimal(a)
	y, yOK := parseDecimal(b)
	switch {
	case !xOK && !yOK:
		return strings.Compare(a, b)
	case !xOK:
		return 1
	case !yOK:
		return -1
	case x.negative != y.negative:
		if x.negative {
			return -1
		}
		return 1
	}
	// Same sign: more whole digits is a larger number, then digit by digit, then the decimals
	// (without trailing zeros, text order is number order: .5 > .05, .55 > .5).
	order := cmp.Or(cmp.Compare(len(x.whole), len(y.whole)), strings.Compare(x.whole, y.whole), strings.Compare(x.decimals, y.decimals))
	if x.negative {
		return -order
	}
	return order
}

// decimal is a number such as -12.50, cut into its parts: whole "12" (no leading zeros) and
// decimals "5" (no trailing zeros).
type decimal struct {
	negative        bool
	whole, decimals string
}

// parseDecimal reads text such as 12, -3.5, +0.25 or .5; ok is false for anything else.
func parseDecimal(text string) (d decimal, ok bool) {
	digits := strings.TrimLeft(text, "+-")
	if len(text)-len(digits) > 1 {
		return d, false // two signs
	}
	d.whole, d.decimals, _ = strings.Cut(digits, ".")
	if d.whole == "" && d.decimals == "" || !allDigits(d.whole) || !allDigits(d.decimals) {
		return d, false
	}
	d.whole, d.decimals = strings.TrimLeft(d.whole, "0"), strings.TrimRight(d.decimals, "0")
	d.negative = strings.HasPrefix(text, "-") && (d.whole != "" || d.decimals != "") // -0 is 0
	return d, true
}

func allDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}
