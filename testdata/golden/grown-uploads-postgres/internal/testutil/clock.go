// A clock that tests move by hand, for services that ask the time through a Now function.

package testutil

import (
	"sync"
	"time"
)

// Clock is the time as a test sets it: a service reads it through Now, the test moves it
// with Advance (past an expiry, say) instead of waiting.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a Clock at the current time, to the microsecond, as the database keeps it.
func NewClock() *Clock {
	return &Clock{now: time.Now().UTC().Truncate(time.Microsecond)}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock by d (back, when d is negative).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
