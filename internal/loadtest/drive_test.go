package loadtest

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestPercentile_IsTheNearestRank(t *testing.T) {
	var sorted []time.Duration
	for i := 1; i <= 200; i++ {
		sorted = append(sorted, time.Duration(i))
	}
	tests := []struct {
		name string
		give []time.Duration
		p    int
		want time.Duration
	}{
		{"median of 200", sorted, 50, 100},
		{"p95 of 200", sorted, 95, 190},
		{"p99 of 200", sorted, 99, 198},
		{"median of three rounds up", sorted[:3], 50, 2},
		{"p99 of one", sorted[:1], 99, 1},
		{"none", nil, 50, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, percentile(tt.give, tt.p))
		})
	}
}

func TestDrive_CountsEveryCallAndItsFailuresByLabel(t *testing.T) {
	var calls atomic.Int64
	s := Scenario{Name: "odd calls fail", Worker: func(int) Call {
		n := 0
		return func(context.Context) string {
			calls.Add(1)
			n++
			if n%2 == 1 {
				return "409"
			}
			return ""
		}
	}}

	r := Drive(context.Background(), s, 3, 20*time.Millisecond)

	assert.Equal(t, int(calls.Load()), r.Requests)
	assert.Positive(t, r.Requests)
	// Each connection fails its first, third, ... call: at least half of all.
	assert.GreaterOrEqual(t, 2*r.Errors["409"], r.Requests)
	assert.LessOrEqual(t, 2*r.Errors["409"], r.Requests+3)
	assert.Equal(t, r.Errors["409"], r.ErrorCount())
	assert.Positive(t, r.PerSecond())
}
