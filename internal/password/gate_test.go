package password

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
)

// full returns a Hasher whose only slot is taken until the test ends.
func full(t *testing.T, wait time.Duration) Hasher {
	t.Helper()
	gate := NewGate(1, wait)
	release, err := gate.Acquire(context.Background())
	require.NoError(t, err)
	t.Cleanup(release)
	return NewHasher(cheap.Params, gate)
}

func TestHash_WithEverySlotTaken_AnswersBusyAfterTheWait(t *testing.T) {
	h := full(t, time.Millisecond)

	_, err := h.Hash(context.Background(), "correct horse battery")

	require.ErrorIs(t, err, ErrBusy)
	e, ok := apperr.As(err)
	require.True(t, ok)
	assert.Equal(t, apperr.KindUnavailable, e.Kind)
	assert.Positive(t, e.RetryAfter, "a 503 tells the client when to come back")
}

func TestVerify_WithEverySlotTaken_AnswersBusyAfterTheWait(t *testing.T) {
	encoded, err := cheap.Hash(context.Background(), "correct horse battery")
	require.NoError(t, err)
	h := full(t, time.Millisecond)

	ok, err := h.Verify(context.Background(), "correct horse battery", encoded)

	require.ErrorIs(t, err, ErrBusy)
	assert.False(t, ok)
}

func TestVerify_WhileWaiting_StopsWhenTheRequestIsCancelled(t *testing.T) {
	encoded, err := cheap.Hash(context.Background(), "correct horse battery")
	require.NoError(t, err)
	h := full(t, 10*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, err = h.Verify(ctx, "correct horse battery", encoded)

	require.ErrorIs(t, err, context.Canceled)
}

func TestHash_WaitsForASlotToBeGivenBack(t *testing.T) {
	gate := NewGate(1, time.Hour)
	release, err := gate.Acquire(context.Background())
	require.NoError(t, err)
	h := NewHasher(cheap.Params, gate)
	done := make(chan error, 1)

	go func() {
		_, err := h.Hash(context.Background(), "correct horse battery")
		done <- err
	}()
	release()

	require.NoError(t, <-done)
	again, err := gate.Acquire(context.Background())
	require.NoError(t, err, "the hash gave its slot back")
	again()
}

func TestSizeFor(t *testing.T) {
	cpus := runtime.GOMAXPROCS(0)
	mib := func(n uint32) Params { return Params{Memory: n * 1024} }
	tests := []struct {
		name   string
		params Params
		budget int64
		want   int
	}{
		{"budget divided by the hash's memory", mib(64), 128 << 20, 2},
		{"never below one", mib(64), 1 << 20, 1},
		{"a few per CPU at most", mib(1), 1 << 40, maxSlotsPerCPU * cpus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, SizeFor(tt.params, tt.budget))
		})
	}
}

func TestAcquire_ReleasingTwice_GivesBackOneSlot(t *testing.T) {
	gate := NewGate(2, time.Millisecond)
	first, err := gate.Acquire(context.Background())
	require.NoError(t, err)
	_, err = gate.Acquire(context.Background())
	require.NoError(t, err)

	first()
	first()

	_, err = gate.Acquire(context.Background())
	require.NoError(t, err)
	_, err = gate.Acquire(context.Background())
	assert.ErrorIs(t, err, ErrBusy, "the second release freed nothing")
}

func TestStats_CountSlotsInUseWaitsAndRefusals(t *testing.T) {
	gate := NewGate(1, time.Millisecond)
	release, err := gate.Acquire(context.Background())
	require.NoError(t, err)

	_, err = gate.Acquire(context.Background())
	require.ErrorIs(t, err, ErrBusy)
	assert.Equal(t, GateStats{Size: 1, InUse: 1, Waited: 1, Refused: 1}, gate.Stats())

	release()
	again, err := gate.Acquire(context.Background())
	require.NoError(t, err)
	again()
	assert.Equal(t, GateStats{Size: 1, InUse: 0, Waited: 1, Refused: 1}, gate.Stats(),
		"a free slot is taken without waiting")
}
