package password

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simulatedHost runs the hasher on a simulated clock: a computation takes
// one microsecond per KiB and pass, a sleep takes what it is asked, and
// both are recorded. No test here measures real time.
type simulatedHost struct {
	now      time.Time
	computed []Params
	slept    []time.Duration
}

func (s *simulatedHost) pacer() *pacer {
	return &pacer{
		now:   func() time.Time { return s.now },
		sleep: func(_ context.Context, d time.Duration) { s.slept = append(s.slept, d); s.now = s.now.Add(d) },
		idKey: func(password, salt []byte, passes, memory uint32, threads uint8, keyLen uint32) []byte {
			s.computed = append(s.computed, Params{Memory: memory, Iterations: passes, Parallelism: threads,
				SaltLength: uint32(len(salt)), KeyLength: keyLen})
			s.now = s.now.Add(time.Duration(memory) * time.Duration(passes) * time.Microsecond)
			sum := sha256.Sum256(append(append([]byte{}, password...), salt...))
			return sum[:keyLen]
		},
	}
}

// hasher returns a hasher of p on the host, which has made one hash at p
// (as the sessions' dummy hash at start), and a hash of plain at p.
func (s *simulatedHost) hasher(t *testing.T, p Params, plain string) (Hasher, string) {
	t.Helper()
	h := Hasher{Params: p, pace: s.pacer()}
	encoded, err := h.Hash(context.Background(), plain)
	require.NoError(t, err)
	return h, encoded
}

// checkTime is how long h takes, on the host's clock, to check a wrong
// password against encoded.
func (s *simulatedHost) checkTime(t *testing.T, h Hasher, encoded string) time.Duration {
	t.Helper()
	start := s.now
	ok, err := h.Verify(context.Background(), "a wrong password", encoded)
	require.NoError(t, err)
	require.False(t, ok)
	return s.now.Sub(start)
}

var (
	current = Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 2, SaltLength: 16, KeyLength: 32}
	older   = Params{Memory: 16 * 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}
)

func TestVerify_AgainstAnOlderCheaperHash_TakesAsLongAsAgainstACurrentOne(t *testing.T) {
	host := &simulatedHost{}
	h, dummy := host.hasher(t, current, "the dummy password")
	_, stale := host.hasher(t, older, "the user's password")
	host.computed, host.slept = nil, nil

	for range 3 {
		unknown := host.checkTime(t, h, dummy)
		known := host.checkTime(t, h, stale)

		assert.Equal(t, unknown, known)
	}
	assert.Equal(t, []Params{
		current, older, current, older, current, older,
	}, host.computed, "one computation per check, at the stored parameters")
	assert.Len(t, host.slept, 3, "only the checks at the older parameters wait")
}

func TestVerify_AgainstACostlierHash_IsNotPadded(t *testing.T) {
	host := &simulatedHost{}
	h, dummy := host.hasher(t, older, "the dummy password")
	_, costlier := host.hasher(t, current, "the user's password")
	host.slept = nil

	assert.Greater(t, host.checkTime(t, h, costlier), host.checkTime(t, h, dummy),
		"no wait can make a costlier check faster: Outdated lets a login replace the hash")
	assert.Empty(t, host.slept)
}

func TestVerify_BeforeAnyComputationAtTheCurrentParameters_IsNotPadded(t *testing.T) {
	host := &simulatedHost{}
	_, stale := host.hasher(t, older, "the user's password")
	h := Hasher{Params: current, pace: host.pacer()}

	host.checkTime(t, h, stale)

	assert.Empty(t, host.slept, "with nothing measured yet there is nothing to pad to")
}

func TestPacer_EstimateFollowsTheRecentComputations(t *testing.T) {
	pc := newPacer()
	pc.observe(80 * time.Millisecond)
	assert.Equal(t, 80*time.Millisecond, pc.estimate, "the first measure is the estimate")

	pc.observe(160 * time.Millisecond)

	assert.Equal(t, 90*time.Millisecond, pc.estimate, "an eighth of the way to the newest")
}

func TestOutdated_IsAHashOfOtherCostParameters(t *testing.T) {
	h := Hasher{Params: current}
	tests := []struct {
		name string
		give Params
		want bool
	}{
		{"the same parameters", current, false},
		{"less memory", Params{Memory: 1024, Iterations: 3, Parallelism: 2, SaltLength: 16, KeyLength: 32}, true},
		{"fewer passes", Params{Memory: 64 * 1024, Iterations: 1, Parallelism: 2, SaltLength: 16, KeyLength: 32}, true},
		{"more lanes", Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 4, SaltLength: 16, KeyLength: 32}, true},
		{"a shorter key", Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 2, SaltLength: 16, KeyLength: 16}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, encoded := (&simulatedHost{}).hasher(t, tt.give, "a password")
			assert.Equal(t, tt.want, h.Outdated(encoded))
		})
	}
	assert.False(t, h.Outdated("not a hash"), "nothing can match a malformed hash: nothing to replace")
}
