package ratelimitdb

import "time"

// SweepNow makes l's next Allow sweep.
func SweepNow(l *Limiter) {
	l.sweepMu.Lock()
	defer l.sweepMu.Unlock()
	l.lastSweep = time.Time{}
}
