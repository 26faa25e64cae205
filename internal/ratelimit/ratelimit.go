// Package ratelimit counts events per key in fixed windows, in memory. It
// guards the endpoints that take a secret (login, password reset) against
// guessing. Counts are per process: behind several replicas each allows the
// limit, which still bounds guessing by a constant factor.
package ratelimit

import (
	"strings"
	"sync"
	"sync/atomic"
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
	// refused counts the events Allow turned away, for the operator's
	// metrics.
	refused atomic.Uint64
}

type bucket struct {
	start time.Time
	n     int
}

// sweepAbove is the number of keys past which expired ones are dropped, so
// that a stream of distinct keys cannot grow the map without bound.
const sweepAbove = 10000

// New returns a Limiter of limit events per window, timed by now
// (time.Now when nil; tests pass a clock they move).
func New(limit int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{limit: limit, window: window, now: now, buckets: map[string]*bucket{}}
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
// limit; if not, nothing is recorded and retryAfter says when the window
// ends. The check and the count are one step, so concurrent callers cannot
// all slip past the limit together.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.bucket(key, now)
	if b.n >= l.limit {
		l.refused.Add(1)
		return false, b.start.Add(l.window).Sub(now)
	}
	b.n++
	return true, 0
}

// Refused is how many events Allow has turned away since l was made.
func (l *Limiter) Refused() uint64 { return l.refused.Load() }

// Refund takes back one event of key, for an attempt that turned out not
// to count (a login that succeeded after its slot was reserved).
func (l *Limiter) Refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.current(key, l.now()); b != nil && b.n > 0 {
		b.n--
	}
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
	l.bucket(key, l.now()).n++
}

// bucket returns key's bucket for this window, creating it. The caller
// holds mu.
func (l *Limiter) bucket(key string, now time.Time) *bucket {
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
	return b
}

// Reset forgets key's events.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.buckets, key)
}

// ResetPrefix forgets the events of every key that starts with prefix, for
// a limiter whose keys nest (an email, then the addresses it was tried from).
func (l *Limiter) ResetPrefix(prefix string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k := range l.buckets {
		if strings.HasPrefix(k, prefix) {
			delete(l.buckets, k)
		}
	}
}
