package platform

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// feedState is a notify feed that is current or not, as a test says.
type feedState struct{ current bool }

func (f *feedState) Current(context.Context) bool { return f.current }

// loads counts the reads of the database behind a cache.
type loads struct{ n int }

// of returns a loader answering id and counting its calls.
func (l *loads) of(id int) func() (int, bool, error) {
	return func() (int, bool, error) {
		l.n++
		return id, true, nil
	}
}

func newTestCache(feed *feedState) *tenantCache {
	return newTenantCache(time.Hour, time.Now, feed)
}

func TestTenantCache_WhileCurrent_AnswersFromMemory(t *testing.T) {
	c, l := newTestCache(&feedState{current: true}), &loads{}
	ctx := context.Background()
	for range 3 {
		id, err := c.get(ctx, "acme", l.of(7))
		require.NoError(t, err)
		assert.Equal(t, 7, id)
	}
	assert.Equal(t, 1, l.n)
}

func TestTenantCache_AChange_DropsThatSubdomainOnly(t *testing.T) {
	c, acme, other := newTestCache(&feedState{current: true}), &loads{}, &loads{}
	ctx := context.Background()
	_, _ = c.get(ctx, "acme", acme.of(7))
	_, _ = c.get(ctx, "other", other.of(8))

	c.Changed("acme")
	_, _ = c.get(ctx, "acme", acme.of(7))
	_, _ = c.get(ctx, "other", other.of(8))

	assert.Equal(t, 2, acme.n, "read again")
	assert.Equal(t, 1, other.n, "still remembered")
}

func TestTenantCache_MissedChanges_DropEverything(t *testing.T) {
	c, l := newTestCache(&feedState{current: true}), &loads{}
	ctx := context.Background()
	_, _ = c.get(ctx, "acme", l.of(7))
	_, _ = c.get(ctx, "other", l.of(8))

	c.Missed()
	_, _ = c.get(ctx, "acme", l.of(7))
	_, _ = c.get(ctx, "other", l.of(8))

	assert.Equal(t, 4, l.n)
}

func TestTenantCache_WhileNotCurrent_ReadsTheDatabaseAndKeepsNothing(t *testing.T) {
	feed := &feedState{current: true}
	c, l := newTestCache(feed), &loads{}
	ctx := context.Background()
	_, _ = c.get(ctx, "acme", l.of(7))

	feed.current = false
	id, err := c.get(ctx, "acme", l.of(9))
	require.NoError(t, err)
	assert.Equal(t, 9, id, "the database, not the remembered 7")
	_, _ = c.get(ctx, "acme", l.of(9))
	assert.Equal(t, 3, l.n, "every request reads")

	feed.current = true
	c.Missed() // what the feed does when it is back
	id, _ = c.get(ctx, "acme", l.of(9))
	assert.Equal(t, 9, id)
}

func TestTenantCache_AnAnswerLoadedAcrossAChange_IsNotKept(t *testing.T) {
	c, l := newTestCache(&feedState{current: true}), &loads{}
	ctx := context.Background()
	stale := func() (int, bool, error) {
		c.Changed("acme") // the notification arrives while the row is read
		return l.of(7)()
	}
	_, err := c.get(ctx, "acme", stale)
	require.NoError(t, err)

	_, _ = c.get(ctx, "acme", l.of(7))

	assert.Equal(t, 2, l.n, "the answer read before the change was not kept")
}
