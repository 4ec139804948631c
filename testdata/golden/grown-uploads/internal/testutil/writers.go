// Concurrent writers for tests: many goroutines saving at once, as many users would, with
// every failure reported.

package testutil

import (
	"sync"
	"testing"
)

// Concurrently runs write(writer, n) for n from 0 to each-1 in each of writers goroutines,
// all at once, waits for them all, and fails the test once for every write that returned an
// error. t.Fatal cannot be called from those goroutines, so write returns errors instead.
func Concurrently(t testing.TB, writers, each int, write func(writer, n int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for writer := range writers {
		wg.Go(func() {
			for n := range each {
				errs <- write(writer, n)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
