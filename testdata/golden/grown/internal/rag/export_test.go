// Hooks into the package for its tests (this file is compiled only by `go test`).

package rag

import "time"

// SetClock makes s read the time from now: a test moves it instead of waiting.
func SetClock(s *Service, now func() time.Time) { s.now = now }

// MakePDF returns a small valid PDF with one page per text (extract_test.go), for the tests
// outside the package.
var MakePDF = makePDF
