package password

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/binora/binora/internal/apperr"
)

// ErrBusy answers a hash or verification that found every slot of the
// gate taken for longer than the gate's wait: the server is at capacity,
// and the client may retry shortly.
var ErrBusy = &apperr.Error{Kind: apperr.KindUnavailable, Code: "service_unavailable",
	Detail: "The server is busy. Try again shortly.", RetryAfter: time.Second}

// DefaultMemoryBudget is the memory all concurrent argon2 computations may
// use together when nothing else is configured.
const DefaultMemoryBudget = 256 << 20

// DefaultWait is how long a computation waits for a free slot before the
// request is answered with ErrBusy.
const DefaultWait = 2 * time.Second

// maxSlotsPerCPU caps the computed size: argon2 is CPU-bound, so slots far
// beyond the cores only add latency to every request in them.
const maxSlotsPerCPU = 4

// Gate bounds how many argon2 computations run at once. Each one holds
// Params.Memory KiB for its whole duration, so an unbounded number of
// parallel logins or password changes would exhaust the process's memory;
// past the bound, callers queue for a short while and are then refused.
type Gate struct {
	slots chan struct{}
	wait  time.Duration
	// waited and refused count callers that found every slot taken, and
	// those of them answered ErrBusy, for the operator's metrics.
	waited, refused atomic.Uint64
}

// GateStats is a snapshot of a gate's use.
type GateStats struct {
	Size, InUse int
	// Waited counts computations that found every slot taken and queued;
	// Refused counts those of them that gave up with ErrBusy.
	Waited, Refused uint64
}

// Stats reports the gate's size, the slots taken now and the waits and
// refusals since it was made.
func (g *Gate) Stats() GateStats {
	return GateStats{Size: cap(g.slots), InUse: len(g.slots), Waited: g.waited.Load(), Refused: g.refused.Load()}
}

// NewGate returns a gate of size concurrent computations (at least 1)
// whose callers wait at most wait for a slot.
func NewGate(size int, wait time.Duration) *Gate {
	return &Gate{slots: make(chan struct{}, max(size, 1)), wait: wait}
}

// Size is how many computations the gate lets run at once.
func (g *Gate) Size() int { return cap(g.slots) }

// SizeFor is the number of computations of params that fit in budget
// bytes: at least 1, at most a few per available CPU.
func SizeFor(params Params, budget int64) int {
	perHash := int64(params.Memory) << 10
	n := 1
	if perHash > 0 {
		n = int(min(budget/perHash, int64(maxSlotsPerCPU*runtime.GOMAXPROCS(0))))
	}
	return max(n, 1)
}

// Acquire takes a slot, waiting at most g.wait and no longer than ctx lives;
// the returned function gives the slot back (once, however often it is
// called). A nil gate lets everything in.
func (g *Gate) Acquire(ctx context.Context) (release func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	select {
	case g.slots <- struct{}{}:
		return sync.OnceFunc(g.leave), nil
	default:
	}
	g.waited.Add(1)
	timer := time.NewTimer(g.wait)
	defer timer.Stop()
	select {
	case g.slots <- struct{}{}:
		return sync.OnceFunc(g.leave), nil
	case <-timer.C:
		g.refused.Add(1)
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for a password hash slot: %w", ctx.Err())
	}
}

func (g *Gate) leave() { <-g.slots }
