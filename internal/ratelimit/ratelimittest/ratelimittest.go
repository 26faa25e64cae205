// Package ratelimittest holds every ratelimit.Limiter to the semantics of
// the in-memory one, so that a server counting in the database answers as
// one counting in memory.
package ratelimittest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/ratelimit"
)

// New returns a fresh limiter of limit events per window, timed by now and
// sharing no key with any other limiter it returned.
type New func(t *testing.T, limit int, window time.Duration, now func() time.Time) ratelimit.Limiter

// Clock is a time the tests move by hand.
type Clock struct{ t time.Time }

// Now is the clock's time.
func (c *Clock) Now() time.Time { return c.t }

func newClock() *Clock { return &Clock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)} }

// Run runs the shared behaviour tests on the limiters of newLimiter.
func Run(t *testing.T, newLimiter New) {
	tests := []struct {
		name string
		fn   func(t *testing.T, newLimiter New)
	}{
		{"AllowRefusesPastTheLimitUntilTheWindowEnds", allowRefusesPastTheLimit},
		{"KeysAreIndependent", keysAreIndependent},
		{"BlockedDoesNotCountAndResetForgets", blockedDoesNotCount},
		{"ConcurrentCallersCannotExceedTheLimit", concurrentCallers},
		{"RefundGivesBackOneEvent", refundGivesBack},
		{"ResetChildrenForgetsOnlyTheKeysUnderIt", resetChildren},
		{"RefusedCountsOnlyTheEventsAllowTurnedAway", refusedCounts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newLimiter) })
	}
}

func allow(t *testing.T, l ratelimit.Limiter, key string) (bool, time.Duration) {
	t.Helper()
	ok, wait, err := l.Allow(context.Background(), key)
	require.NoError(t, err)
	return ok, wait
}

func blocked(t *testing.T, l ratelimit.Limiter, key string) (bool, time.Duration) {
	t.Helper()
	b, wait, err := l.Blocked(context.Background(), key)
	require.NoError(t, err)
	return b, wait
}

func allowRefusesPastTheLimit(t *testing.T, newLimiter New) {
	c := newClock()
	l := newLimiter(t, 3, time.Minute, c.Now)
	for i := 0; i < 3; i++ {
		ok, _ := allow(t, l, "ip")
		assert.True(t, ok, "event %d", i+1)
	}

	c.t = c.t.Add(20 * time.Second)
	ok, wait := allow(t, l, "ip")
	assert.False(t, ok)
	assert.Equal(t, 40*time.Second, wait)

	c.t = c.t.Add(40 * time.Second)
	ok, _ = allow(t, l, "ip")
	assert.True(t, ok, "a new window starts")
	ok, _ = allow(t, l, "ip")
	assert.True(t, ok, "the new window counts from one")
}

func keysAreIndependent(t *testing.T, newLimiter New) {
	l := newLimiter(t, 1, time.Minute, newClock().Now)

	okA, _ := allow(t, l, "a")
	okB, _ := allow(t, l, "b")
	againA, _ := allow(t, l, "a")

	assert.True(t, okA)
	assert.True(t, okB)
	assert.False(t, againA)
}

func blockedDoesNotCount(t *testing.T, newLimiter New) {
	c := newClock()
	l := newLimiter(t, 2, time.Minute, c.Now)
	allow(t, l, "k")
	b, _ := blocked(t, l, "k")
	assert.False(t, b)
	b, _ = blocked(t, l, "k")
	assert.False(t, b, "Blocked records nothing")

	allow(t, l, "k")
	b, wait := blocked(t, l, "k")
	assert.True(t, b)
	assert.Equal(t, time.Minute, wait)

	require.NoError(t, l.Reset(context.Background(), "k"))
	b, _ = blocked(t, l, "k")
	assert.False(t, b)

	allow(t, l, "k")
	allow(t, l, "k")
	c.t = c.t.Add(time.Minute)
	b, _ = blocked(t, l, "k")
	assert.False(t, b, "the window has ended")
}

func concurrentCallers(t *testing.T, newLimiter New) {
	l := newLimiter(t, 5, time.Minute, newClock().Now)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, _, err := l.Allow(context.Background(), "burst")
			assert.NoError(t, err)
			if ok {
				allowed.Add(1)
			}
		}()
	}
	wg.Wait()

	assert.Equal(t, int64(5), allowed.Load())
}

func refundGivesBack(t *testing.T, newLimiter New) {
	l := newLimiter(t, 2, time.Minute, newClock().Now)
	allow(t, l, "k")
	allow(t, l, "k")
	b, _ := blocked(t, l, "k")
	require.True(t, b)

	require.NoError(t, l.Refund(context.Background(), "k"))

	ok, _ := allow(t, l, "k")
	assert.True(t, ok)
	ok, _ = allow(t, l, "k")
	assert.False(t, ok, "one event only was given back")
}

func resetChildren(t *testing.T, newLimiter New) {
	l := newLimiter(t, 1, time.Minute, newClock().Now)
	ann, bob := ratelimit.Join("1", "ann")+ratelimit.Sep, ratelimit.Join("1", "bob")+ratelimit.Sep
	allow(t, l, ann+"203.0.113.1")
	allow(t, l, ann+"203.0.113.2")
	allow(t, l, bob+"203.0.113.1")

	require.NoError(t, l.ResetChildren(context.Background(), ann))

	for _, k := range []string{ann + "203.0.113.1", ann + "203.0.113.2"} {
		b, _ := blocked(t, l, k)
		assert.False(t, b, k)
	}
	b, _ := blocked(t, l, bob+"203.0.113.1")
	assert.True(t, b, "another key keeps its events")
}

func refusedCounts(t *testing.T, newLimiter New) {
	l := newLimiter(t, 1, time.Minute, newClock().Now)
	allow(t, l, "a")
	allow(t, l, "a")
	allow(t, l, "b")
	blocked(t, l, "a")

	assert.Equal(t, uint64(1), l.Refused())
}
