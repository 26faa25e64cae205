package ratelimit

// SweepAbove is sweepAbove, for the tests of the sweep.
const SweepAbove = sweepAbove

// Keys is how many keys l holds.
func Keys(l *Memory) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
