package password

import (
	"context"
	"sync"
	"time"

	"golang.org/x/crypto/argon2"
)

// Equal cost. A hash carries the parameters it was made with, and checking
// a password against it costs what they cost. A login for an unknown email
// is checked against a dummy hash made at the current parameters; so once
// the operator raises them, a user whose hash predates the change answers a
// wrong password faster than an unknown email, and one request tells that
// the email has an account. A check against other parameters is therefore
// padded: it waits, after its computation, until the time one computation
// at the current parameters takes has passed. That time is a running
// estimate, which every computation at the current parameters updates (the
// first is the dummy hash the sessions make at start), so it follows the
// host's load as the unpadded checks do. The wait holds no gate slot and
// no core.
//
// Padding cannot make a costlier check faster: after the parameters are
// lowered, users whose hashes predate that answer slower than the rest.
// A successful login replaces an outdated hash (Outdated), so either way
// the difference lasts only until each user's next sign-in.

// estimateWeight is the weight of the newest duration in the estimate: an
// exponential moving average over roughly the last eight computations.
const estimateWeight = 8

// pacer times computations and pads those at other parameters.
type pacer struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration)
	// idKey computes argon2id; tests replace it to count computations.
	idKey func(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte

	mu       sync.Mutex
	estimate time.Duration // of one computation at the current parameters; 0 until one ran
}

func newPacer() *pacer {
	return &pacer{now: time.Now, sleep: sleepCtx, idKey: argon2.IDKey}
}

// sleepCtx waits d, or less if ctx ends first (the client left: nobody
// measures the answer any more).
func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// derive computes argon2id of plain with salt at p inside a gate slot.
// At h's own parameters the computation's duration updates the estimate;
// at any other, the caller is held up to the estimate once the slot is
// given back.
func (h Hasher) derive(ctx context.Context, plain string, salt []byte, p Params) ([]byte, error) {
	release, err := h.gate.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	if h.pace == nil {
		defer release()
		return argon2.IDKey([]byte(plain), salt, p.Iterations, p.Memory, p.Parallelism, p.KeyLength), nil
	}
	start := h.pace.now()
	key := h.pace.idKey([]byte(plain), salt, p.Iterations, p.Memory, p.Parallelism, p.KeyLength)
	took := h.pace.now().Sub(start)
	release()
	if p.sameCost(h.Params) {
		h.pace.observe(took)
	} else {
		h.pace.padUpTo(ctx, took)
	}
	return key, nil
}

// observe folds the duration of a computation at the current parameters
// into the estimate.
func (pc *pacer) observe(took time.Duration) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.estimate == 0 {
		pc.estimate = took
		return
	}
	pc.estimate += (took - pc.estimate) / estimateWeight
}

// padUpTo waits for what remains of the estimate after took.
func (pc *pacer) padUpTo(ctx context.Context, took time.Duration) {
	pc.mu.Lock()
	rest := pc.estimate - took
	pc.mu.Unlock()
	if rest > 0 {
		pc.sleep(ctx, rest)
	}
}
