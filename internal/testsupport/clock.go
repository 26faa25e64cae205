package testsupport

import (
	"sync"
	"time"
)

// Clock is a clock a test moves by hand, for app.Options.Now: limits,
// expiries and security events then follow it instead of the wall clock,
// and no test sleeps to see time pass.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at the current wall time, cut to the
// second (the API's timestamps carry whole seconds).
func NewClock() *Clock { return &Clock{t: time.Now().Truncate(time.Second)} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
