package ratelimit

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Memory is a Limiter that counts in this process: behind several servers
// each would allow the limit, so it serves one process alone (the embedded
// SQLite file, tests).
type Memory struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	// refused counts the events Allow turned away, for the operator's
	// metrics.
	refused atomic.Uint64
}

var _ Limiter = (*Memory)(nil)

type bucket struct {
	start time.Time
	n     int
}

// sweepAbove is the number of keys past which expired ones are dropped, so
// that a stream of distinct keys cannot grow the map without bound.
const sweepAbove = 10000

// New returns a Memory limiter of limit events per window, timed by now
// (time.Now when nil; tests pass a clock they move).
func New(limit int, window time.Duration, now func() time.Time) *Memory {
	if now == nil {
		now = time.Now
	}
	return &Memory{limit: limit, window: window, now: now, buckets: map[string]*bucket{}}
}

// current returns key's bucket for this window, nil if it has none. The
// caller holds mu.
func (l *Memory) current(key string, now time.Time) *bucket {
	b := l.buckets[key]
	if b != nil && now.Sub(b.start) >= l.window {
		delete(l.buckets, key)
		return nil
	}
	return b
}

// Allow is Limiter's; it never fails.
func (l *Memory) Allow(_ context.Context, key string) (bool, time.Duration, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.bucket(key, now)
	if b.n >= l.limit {
		l.refused.Add(1)
		return false, b.start.Add(l.window).Sub(now), nil
	}
	b.n++
	return true, 0, nil
}

// Refused is Limiter's.
func (l *Memory) Refused() uint64 { return l.refused.Load() }

// Refund is Limiter's.
func (l *Memory) Refund(_ context.Context, key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.current(key, l.now()); b != nil && b.n > 0 {
		b.n--
	}
	return nil
}

// Blocked is Limiter's.
func (l *Memory) Blocked(_ context.Context, key string) (bool, time.Duration, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.current(key, now)
	if b == nil || b.n < l.limit {
		return false, 0, nil
	}
	return true, b.start.Add(l.window).Sub(now), nil
}

// Add records an event for key, within the limit or not.
func (l *Memory) Add(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bucket(key, l.now()).n++
}

// bucket returns key's bucket for this window, creating it. The caller
// holds mu.
func (l *Memory) bucket(key string, now time.Time) *bucket {
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

// Reset is Limiter's.
func (l *Memory) Reset(_ context.Context, key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.buckets, key)
	return nil
}

// ResetChildren is Limiter's.
func (l *Memory) ResetChildren(_ context.Context, parent string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k := range l.buckets {
		if Parent(k) == parent {
			delete(l.buckets, k)
		}
	}
	return nil
}
