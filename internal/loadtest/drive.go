package loadtest

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Call is one request of a scenario. It returns "" when the answer is the
// expected one, else a short label of what went wrong (an HTTP status such
// as "409", or "error" for a failure without one), which the report counts.
type Call func(ctx context.Context) string

// Scenario is one kind of request, driven by every connection at once.
type Scenario struct {
	Name string
	// Worker returns the call connection w makes over and over; a call may
	// keep state between requests (the status it flips back and forth),
	// so each connection gets its own.
	Worker func(w int) Call
}

// Result is what one scenario measured.
type Result struct {
	Name     string
	Requests int
	Elapsed  time.Duration
	P50      time.Duration
	P95      time.Duration
	P99      time.Duration
	// Errors counts the failed requests by label (see Call).
	Errors map[string]int
	// CPU is what a request cost each side in CPU time; nil where it was
	// not measured (cpu.go).
	CPU *CPUCost
}

// PerSecond is the throughput: every request answered, failed ones
// included, per second of the run.
func (r Result) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// ErrorCount is the number of failed requests.
func (r Result) ErrorCount() int {
	n := 0
	for _, c := range r.Errors {
		n += c
	}
	return n
}

// workerLog is what one connection saw; each connection writes its own,
// so that recording takes no lock on the measured path.
type workerLog struct {
	latencies []time.Duration
	errors    map[string]int
}

// Drive runs s on concurrency connections for d and measures it. Requests
// still running when d ends are finished and counted.
func Drive(ctx context.Context, s Scenario, concurrency int, d time.Duration) Result {
	logs := make([]workerLog, concurrency)
	calls := make([]Call, concurrency)
	for w := range calls {
		calls[w] = s.Worker(w)
	}
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			log := &logs[w]
			log.errors = map[string]int{}
			for ctx.Err() == nil && time.Now().Before(deadline) {
				t0 := time.Now()
				outcome := calls[w](ctx)
				log.latencies = append(log.latencies, time.Since(t0))
				if outcome != "" {
					log.errors[outcome]++
				}
			}
		}()
	}
	wg.Wait()
	return summarise(s.Name, logs, time.Since(start))
}

func summarise(name string, logs []workerLog, elapsed time.Duration) Result {
	r := Result{Name: name, Elapsed: elapsed, Errors: map[string]int{}}
	var all []time.Duration
	for _, l := range logs {
		all = append(all, l.latencies...)
		for k, v := range l.errors {
			r.Errors[k] += v
		}
	}
	slices.Sort(all)
	r.Requests = len(all)
	r.P50, r.P95, r.P99 = percentile(all, 50), percentile(all, 95), percentile(all, 99)
	return r
}

// percentile is the nearest-rank percentile p of sorted latencies.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n), 1-based
	return sorted[max(rank, 1)-1]
}
