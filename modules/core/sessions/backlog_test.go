package sessions

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBacklog_Full_RefusesAtOnceUntilJobsFinish(t *testing.T) {
	b := newBacklog(1, 2)
	release := make(chan struct{})
	var done atomic.Int32
	blocked := func() { <-release; done.Add(1) }
	require.True(t, b.offer(blocked))
	require.True(t, b.offer(blocked))

	assert.False(t, b.offer(func() { done.Add(1) }), "a third job finds the backlog full")
	close(release)
	b.wait()
	assert.EqualValues(t, 2, done.Load(), "wait returns once the jobs taken have finished")
	assert.EqualValues(t, 1, b.refused.Load())
	assert.True(t, b.offer(func() { done.Add(1) }), "room again")
	b.wait()
	assert.EqualValues(t, 3, done.Load())
}

func TestBacklog_RunsAtMostItsWorkersAtOnce(t *testing.T) {
	b := newBacklog(2, 100)
	var mu sync.Mutex
	running, most := 0, 0
	for range 100 {
		require.True(t, b.offer(func() {
			mu.Lock()
			running++
			most = max(most, running)
			mu.Unlock()
			runtime.Gosched()
			mu.Lock()
			running--
			mu.Unlock()
		}))
	}
	b.wait()
	assert.LessOrEqual(t, most, 2)
	assert.Positive(t, most)
}
