package artifacttest

import (
	"sync"
	"time"
)

// Clock is a clock that moves only when told: the world's service, its
// directory, registry and catalog are all dated by it. It is safe for
// concurrent use; readings are in UTC.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock that reads t.
func NewClock(t time.Time) *Clock { return &Clock{now: t.UTC()} }

// Now returns the clock's reading. Pass the method value (c.Now) wherever a
// func() time.Time clock is wanted.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set makes the clock read t. Setting it back is allowed, but the
// organization directory refuses to date a membership change before the
// account's previous one.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t.UTC()
}

// Advance moves the clock on by d and returns the new reading.
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}
