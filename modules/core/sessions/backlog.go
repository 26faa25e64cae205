package sessions

import (
	"sync"
	"sync/atomic"
)

// backlog runs jobs in the background, at most workers at a time and at
// most capacity admitted (running or waiting) at once. Past capacity a job
// is refused on the spot rather than queued without bound: the caller
// answers alike either way, so a flood costs neither memory nor a
// difference anyone can observe.
type backlog struct {
	admitted chan struct{} // one token per job running or waiting
	running  chan struct{} // one token per job running
	jobs     sync.WaitGroup
	refused  atomic.Uint64
}

func newBacklog(workers, capacity int) *backlog {
	return &backlog{
		admitted: make(chan struct{}, max(capacity, 0)),
		running:  make(chan struct{}, max(workers, 1)),
	}
}

// offer runs job in the background unless the backlog is full, and reports
// whether it took the job. It never blocks.
func (b *backlog) offer(job func()) bool {
	select {
	case b.admitted <- struct{}{}:
	default:
		b.refused.Add(1)
		return false
	}
	b.jobs.Go(func() {
		defer func() { <-b.admitted }()
		b.running <- struct{}{}
		defer func() { <-b.running }()
		job()
	})
	return true
}

// wait returns once every job taken so far has finished.
func (b *backlog) wait() { b.jobs.Wait() }
