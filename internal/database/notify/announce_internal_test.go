package notify

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statements stands in for the database: it records the notes of each
// statement, holds a statement while held is set, and fails the ones
// failures says.
type statements struct {
	mu       sync.Mutex
	sent     [][]note
	failures int
	held     chan struct{} // a statement waits until it is closed
	started  chan struct{} // told of each statement as it starts
}

func (s *statements) deliver(notes map[note]struct{}) error {
	s.mu.Lock()
	held, started := s.held, s.started
	s.mu.Unlock()
	if started != nil {
		started <- struct{}{}
	}
	if held != nil {
		<-held
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failures > 0 {
		s.failures--
		return errors.New("connection refused")
	}
	s.sent = append(s.sent, slices.Collect(maps.Keys(notes)))
	return nil
}

func (s *statements) all() [][]note {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

func newTestAnnouncer(s *statements) *announcer {
	return &announcer{deliver: s.deliver, stop: func() error { return nil }}
}

// announceAll announces payloads at once and returns their errors.
func announceAll(a *announcer, payloads ...string) []error {
	errs := make([]error, len(payloads))
	var wg sync.WaitGroup
	for i, p := range payloads {
		wg.Go(func() { errs[i] = a.announce(context.Background(), "ch", p) })
	}
	wg.Wait()
	return errs
}

func TestAnnounce_WhatArrivesDuringAStatementGoesInTheNextTogether(t *testing.T) {
	s := &statements{held: make(chan struct{}), started: make(chan struct{}, 10)}
	a := newTestAnnouncer(s)
	first := make(chan error)
	go func() { first <- a.announce(context.Background(), "ch", "assets:1") }()
	<-s.started // the first statement is under way and held

	var payloads []string
	var want []note
	for i := range 20 {
		payloads = append(payloads, fmt.Sprintf("assets:%d", i))
		want = append(want, note{"ch", payloads[i]})
	}
	rest := make(chan []error)
	go func() { rest <- announceAll(a, payloads...) }()
	require.Eventually(t, func() bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.next != nil && len(a.next.notes) == len(payloads)
	}, time.Second, time.Millisecond, "the twenty gather while the first statement runs")
	close(s.held)

	require.NoError(t, <-first)
	for _, err := range <-rest {
		require.NoError(t, err)
	}
	sent := s.all()
	require.Len(t, sent, 2, "twenty-one announcements, two statements")
	assert.Equal(t, []note{{"ch", "assets:1"}}, sent[0])
	assert.ElementsMatch(t, want, sent[1])
}

func TestAnnounce_AFailedStatementIsSentAgain(t *testing.T) {
	s := &statements{failures: 1}
	a := newTestAnnouncer(s)
	err := a.announce(context.Background(), "ch", "assets:7")
	require.Error(t, err, "the waiter learns of the failure")
	assert.ErrorContains(t, err, "connection refused")
	require.Eventually(t, func() bool { return len(s.all()) == 1 }, 5*time.Second, 10*time.Millisecond,
		"and the notification goes out once the database answers again")
	assert.Equal(t, []note{{"ch", "assets:7"}}, s.all()[0])
}

func TestAnnounce_WhileStatementsFailNobodyWaits(t *testing.T) {
	s := &statements{failures: 2}
	a := newTestAnnouncer(s)
	require.Error(t, a.announce(context.Background(), "ch", "assets:7"))
	s.mu.Lock()
	s.held = make(chan struct{}) // the next attempts wait until released
	s.mu.Unlock()

	returned := make(chan error, 1)
	go func() { returned <- a.announce(context.Background(), "ch", "assets:8") }()
	select {
	case err := <-returned:
		require.NoError(t, err, "queued, not failed")
	case <-time.After(5 * time.Second):
		t.Fatal("an announcement waited for a statement while statements fail")
	}
	assert.Empty(t, s.all(), "returned before any statement got through")
	close(s.held)
	require.Eventually(t, func() bool { return len(s.all()) == 1 }, 5*time.Second, 10*time.Millisecond)
	assert.ElementsMatch(t, []note{{"ch", "assets:7"}, {"ch", "assets:8"}}, s.all()[0],
		"both go out once a statement succeeds")
}

func TestAnnounce_AWaiterStopsWaitingWithItsContext(t *testing.T) {
	s := &statements{held: make(chan struct{}), started: make(chan struct{}, 1)}
	a := newTestAnnouncer(s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- a.announce(ctx, "ch", "assets:1") }()
	<-s.started
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
	close(s.held)
	require.Eventually(t, func() bool { return len(s.all()) == 1 }, time.Second, time.Millisecond,
		"the notification is sent all the same")
}

func TestAnnounce_AfterCloseNothingIsSent(t *testing.T) {
	s := &statements{held: make(chan struct{}), started: make(chan struct{}, 1)}
	a := newTestAnnouncer(s)
	go func() { _ = a.announce(context.Background(), "ch", "assets:1") }()
	<-s.started
	waiting := make(chan error)
	go func() { waiting <- a.announce(context.Background(), "ch", "assets:2") }()
	require.Eventually(t, func() bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.next != nil
	}, time.Second, time.Millisecond)
	require.NoError(t, a.close())
	close(s.held)

	assert.ErrorIs(t, <-waiting, errClosed, "a waiting announcement is told the feed closed")
	assert.ErrorIs(t, a.announce(context.Background(), "ch", "assets:3"), errClosed)
	assert.Len(t, s.all(), 1, "only the statement under way at the close ran")
}

func TestNotifyStatement_QuotesEveryValue(t *testing.T) {
	got := notifyStatement(map[note]struct{}{{"binora_row_changes", `it's \ odd`}: {}})
	assert.Equal(t, `NOTIFY "binora_row_changes",  E'it''s \\ odd'; `, got)
}
