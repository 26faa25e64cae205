package memo

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database/notify"
)

// fakeFeed is a notify.Feed whose currency the test sets.
type fakeFeed struct {
	current bool
	subs    []notify.Subscriber
}

func (f *fakeFeed) Publish(context.Context, *ent.Tx, string, string) error { return nil }
func (f *fakeFeed) Announce(context.Context, string, string) error         { return nil }
func (f *fakeFeed) Subscribe(_ string, s notify.Subscriber)                { f.subs = append(f.subs, s) }
func (f *fakeFeed) Current(context.Context) bool                           { return f.current }
func (f *fakeFeed) Close() error                                           { return nil }

// counter loads value for company, counting the loads.
type counter struct{ loads int }

func (c *counter) load(company int, value string, until time.Time) func() (Entry[string], error) {
	return func() (Entry[string], error) {
		c.loads++
		return Entry[string]{Company: company, Value: value, Until: until}, nil
	}
}

func newTestCache(t *testing.T, max int) (*Cache[int, string], *fakeFeed, *time.Time) {
	t.Helper()
	feed := &fakeFeed{current: true}
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	c := NewCache[int, string](&Watcher{feed: feed}, Identity, max, func() time.Time { return now })
	require.Len(t, feed.subs, 1, "the cache hears of changes from other servers")
	return c, feed, &now
}

func TestCache_RemembersUntilTheEntryEnds(t *testing.T) {
	c, _, now := newTestCache(t, 10)
	var n counter
	ctx := context.Background()
	for range 3 {
		e, err := c.Get(ctx, 1, n.load(7, "a", now.Add(time.Minute)))
		require.NoError(t, err)
		assert.Equal(t, "a", e.Value)
	}
	assert.Equal(t, 1, n.loads)

	*now = now.Add(time.Minute)
	_, err := c.Get(ctx, 1, n.load(7, "b", now.Add(time.Minute)))
	require.NoError(t, err)
	assert.Equal(t, 2, n.loads, "an entry is not used at or after its end")
}

func TestCache_AChangeDropsItsCompanyOnly(t *testing.T) {
	c, _, now := newTestCache(t, 10)
	var n counter
	ctx := context.Background()
	until := now.Add(time.Hour)
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))
	_, _ = c.Get(ctx, 2, n.load(8, "b", until))

	c.Changed("7")
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))
	_, _ = c.Get(ctx, 2, n.load(8, "b", until))
	assert.Equal(t, 3, n.loads, "company 7's entry is read again, company 8's is not")

	c.Changed(allCompanies)
	_, _ = c.Get(ctx, 2, n.load(8, "b", until))
	assert.Equal(t, 4, n.loads, "a change of every company drops everything")

	c.Missed()
	_, _ = c.Get(ctx, 2, n.load(8, "b", until))
	assert.Equal(t, 5, n.loads, "changes that may have gone unseen drop everything")
}

func TestCache_DoesNotKeepWhatWasReadDuringAChange(t *testing.T) {
	c, _, now := newTestCache(t, 10)
	var n counter
	ctx := context.Background()
	_, err := c.Get(ctx, 1, func() (Entry[string], error) {
		c.Changed("7") // the change commits while the row is being read
		return n.load(7, "stale", now.Add(time.Hour))()
	})
	require.NoError(t, err)
	_, _ = c.Get(ctx, 1, n.load(7, "fresh", now.Add(time.Hour)))
	assert.Equal(t, 2, n.loads)
}

func TestCache_ReadsTheDatabaseWhileTheFeedIsNotCurrent(t *testing.T) {
	c, feed, now := newTestCache(t, 10)
	var n counter
	ctx := context.Background()
	until := now.Add(time.Hour)
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))
	feed.current = false
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))
	assert.Equal(t, 3, n.loads, "nothing is answered from memory")
	feed.current = true
	_, _ = c.Get(ctx, 2, n.load(7, "b", until))
	_, _ = c.Get(ctx, 2, n.load(7, "b", until))
	assert.Equal(t, 4, n.loads, "what is read while current is remembered again")
}

func TestCache_RemembersNoFailureAndStaysBounded(t *testing.T) {
	c, _, now := newTestCache(t, 2)
	ctx := context.Background()
	refused := errors.New("refused")
	_, err := c.Get(ctx, 1, func() (Entry[string], error) { return Entry[string]{}, refused })
	require.ErrorIs(t, err, refused)
	var n counter
	_, _ = c.Get(ctx, 1, n.load(7, "a", now.Add(time.Hour)))
	assert.Equal(t, 1, n.loads, "a refusal is not remembered")

	for key := range 5 {
		_, _ = c.Get(ctx, key, n.load(7, "x", now.Add(time.Hour)))
	}
	assert.LessOrEqual(t, len(c.entries), 2)
}

func TestCache_HearsTheChangesOfItsTopicOnly(t *testing.T) {
	c, feed, now := newTestCache(t, 10)
	var n counter
	ctx := context.Background()
	until := now.Add(time.Hour)
	heard := feed.subs[0] // what a notification from another server reaches
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))

	heard.Changed("places:7")
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))
	assert.Equal(t, 1, n.loads, "a change of another topic leaves the entry")

	heard.Changed("identity:7")
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))
	assert.Equal(t, 2, n.loads, "a change of the cache's topic drops the company's entries")

	heard.Changed("garbled")
	_, _ = c.Get(ctx, 1, n.load(7, "a", until))
	assert.Equal(t, 3, n.loads, "a payload that cannot be read drops everything")
}
