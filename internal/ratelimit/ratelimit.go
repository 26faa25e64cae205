// Package ratelimit counts events per key in fixed windows, in memory. It
// guards the endpoints that take a secret (login, password reset) against
// guessing. Counts are per process: behind several replicas each allows the
// limit, which still bounds guessing by a constant factor.
package ratelimit

import (
	"sync"
	"time"
)

// Limiter allows at most Limit events per key in each Window, the window
// starting at a key's first event.
type Limiter struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	start time.Time
	n     int
}

// sweepAbove is the number of keys past which expired ones are dropped, so
// that a stream of distinct keys cannot grow the map without bound.
const sweepAbove = 10000

// New returns a Limiter of limit events per window.
func New(limit int, window time.Duration) *Limiter {
	return &Limiter{limit: limit, window: window, now: time.Now, buckets: map[string]*bucket{}}
}

// current returns key's bucket for this window, nil if it has none. The
// caller holds mu.
func (l *Limiter) current(key string, now time.Time) *bucket {
	b := l.buckets[key]
	if b != nil && now.Sub(b.start) >= l.window {
		delete(l.buckets, key)
		return nil
	}
	return b
}

// Allow records an event for key and reports whether it is within the
// limit; if not, retryAfter says when the window ends.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	if blocked, wait := l.Blocked(key); blocked {
		return false, wait
	}
	l.Add(key)
	return true, 0
}

// Blocked reports, without recording anything, whether key has used up
// its window, and for how long it stays blocked.
func (l *Limiter) Blocked(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.current(key, now)
	if b == nil || b.n < l.limit {
		return false, 0
	}
	return true, b.start.Add(l.window).Sub(now)
}

// Add records an event for key.
func (l *Limiter) Add(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.buckets) > sweepAbove {
		for k := range l.buckets {
			l.current(k, now)
		}
	}
	b := l.current(key, now)
	if b == nil {
		b = &bucket{start: now}
		l.buckets[key] = b
	}
	b.n++
}

// Reset forgets key's events.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.buckets, key)
}
