package ratelimit

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestLimiter(limit int, window time.Duration) (*Limiter, *clock) {
	c := &clock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	l := New(limit, window, c.now)
	return l, c
}

func TestAllow_RefusesPastTheLimitUntilTheWindowEnds(t *testing.T) {
	l, c := newTestLimiter(3, time.Minute)
	for i := 0; i < 3; i++ {
		ok, _ := l.Allow("ip")
		assert.True(t, ok, "event %d", i+1)
	}

	c.t = c.t.Add(20 * time.Second)
	ok, wait := l.Allow("ip")
	assert.False(t, ok)
	assert.Equal(t, 40*time.Second, wait)

	c.t = c.t.Add(40 * time.Second)
	ok, _ = l.Allow("ip")
	assert.True(t, ok, "a new window starts")
}

func TestAllow_KeysAreIndependent(t *testing.T) {
	l, _ := newTestLimiter(1, time.Minute)

	okA, _ := l.Allow("a")
	okB, _ := l.Allow("b")
	againA, _ := l.Allow("a")

	assert.True(t, okA)
	assert.True(t, okB)
	assert.False(t, againA)
}

func TestBlocked_DoesNotCountAndResetForgets(t *testing.T) {
	l, _ := newTestLimiter(2, time.Minute)
	l.Add("k")
	blocked, _ := l.Blocked("k")
	assert.False(t, blocked)
	blocked, _ = l.Blocked("k")
	assert.False(t, blocked, "Blocked records nothing")

	l.Add("k")
	blocked, wait := l.Blocked("k")
	assert.True(t, blocked)
	assert.Equal(t, time.Minute, wait)

	l.Reset("k")
	blocked, _ = l.Blocked("k")
	assert.False(t, blocked)
}

func TestAdd_SweepsExpiredKeys(t *testing.T) {
	l, c := newTestLimiter(1, time.Minute)
	for i := 0; i <= sweepAbove; i++ {
		l.Add(string(rune('a'+i%26)) + time.Duration(i).String())
	}
	c.t = c.t.Add(2 * time.Minute)

	l.Add("fresh")

	assert.Len(t, l.buckets, 1)
}

func TestAllow_ConcurrentCallersCannotExceedTheLimit(t *testing.T) {
	l := New(5, time.Minute, nil)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, _ := l.Allow("burst"); ok {
				allowed.Add(1)
			}
		}()
	}
	wg.Wait()

	assert.Equal(t, int64(5), allowed.Load())
}

func TestRefund_GivesBackOneEvent(t *testing.T) {
	l, _ := newTestLimiter(2, time.Minute)
	l.Allow("k")
	l.Allow("k")
	blocked, _ := l.Blocked("k")
	assert.True(t, blocked)

	l.Refund("k")

	ok, _ := l.Allow("k")
	assert.True(t, ok)
}

func TestResetPrefix_ForgetsOnlyTheKeysUnderIt(t *testing.T) {
	l, _ := newTestLimiter(1, time.Minute)
	l.Allow("ann\x00203.0.113.1")
	l.Allow("ann\x00203.0.113.2")
	l.Allow("bob\x00203.0.113.1")

	l.ResetPrefix("ann\x00")

	for _, k := range []string{"ann\x00203.0.113.1", "ann\x00203.0.113.2"} {
		blocked, _ := l.Blocked(k)
		assert.False(t, blocked, k)
	}
	blocked, _ := l.Blocked("bob\x00203.0.113.1")
	assert.True(t, blocked, "another key keeps its events")
}

func TestRefused_CountsOnlyTheEventsAllowTurnedAway(t *testing.T) {
	l, _ := newTestLimiter(1, time.Minute)
	l.Allow("a")
	l.Allow("a")
	l.Allow("b")
	l.Blocked("a")

	assert.Equal(t, uint64(1), l.Refused())
}
