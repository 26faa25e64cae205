package ratelimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/ratelimit/ratelimittest"
)

func TestMemory_KeepsTheLimiterSemantics(t *testing.T) {
	ratelimittest.Run(t, func(_ *testing.T, limit int, window time.Duration, now func() time.Time) ratelimit.Limiter {
		return ratelimit.New(limit, window, now)
	})
}

func TestMemoryAdd_SweepsExpiredKeys(t *testing.T) {
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	now := start
	l := ratelimit.New(1, time.Minute, func() time.Time { return now })
	for i := 0; i <= ratelimit.SweepAbove; i++ {
		l.Add(string(rune('a'+i%26)) + time.Duration(i).String())
	}
	now = start.Add(2 * time.Minute)

	l.Add("fresh")

	assert.Equal(t, 1, ratelimit.Keys(l))
}

func TestParent_IsTheKeyUpToItsLastSeparator(t *testing.T) {
	assert.Equal(t, "1\x00ann\x00", ratelimit.Parent(ratelimit.Join("1", "ann", "203.0.113.1")))
	assert.Equal(t, "1\x00", ratelimit.Parent(ratelimit.Join("1", "ann")))
	assert.Equal(t, "", ratelimit.Parent("203.0.113.1"))
}

func TestMemoryAdd_CountsPastTheLimit(t *testing.T) {
	l := ratelimit.New(1, time.Minute, nil)
	l.Add("k")
	l.Add("k")
	assert.NoError(t, l.Refund(context.Background(), "k"))

	blocked, _, err := l.Blocked(context.Background(), "k")
	assert.NoError(t, err)
	assert.True(t, blocked, "two events were recorded, one given back")
}
