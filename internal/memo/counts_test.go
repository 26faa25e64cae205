package memo

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/tenancy"
)

func TestCounts_RememberEachTenantsCountUntilATopicOfItChanges(t *testing.T) {
	feed := &fakeFeed{current: true}
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	counts := NewCounts(&Watcher{feed: feed}, 10, func() time.Time { return now }, Assets, Places)
	require.Len(t, feed.subs, 2, "the counts hear of both topics")
	loads := 0
	count := func(ctx context.Context, n int) listing.Count {
		t.Helper()
		got, err := counts.Count(ctx, "/api/assets?", func() (listing.Count, error) {
			loads++
			return listing.Count{N: n}, nil
		})
		require.NoError(t, err)
		return got
	}
	acme, globex := tenancy.WithTenant(context.Background(), 7), tenancy.WithTenant(context.Background(), 8)

	assert.Equal(t, 3, count(acme, 3).N)
	assert.Equal(t, 3, count(acme, 4).N, "a remembered count is not read again")
	assert.Equal(t, 9, count(globex, 9).N, "another tenant's count of the same list is its own")
	assert.Equal(t, 2, loads)

	for _, sub := range feed.subs {
		sub.Changed("identity:7")
	}
	assert.Equal(t, 3, count(acme, 5).N, "a change of another topic forgets nothing")
	for _, sub := range feed.subs {
		sub.Changed("places:7")
	}
	assert.Equal(t, 5, count(acme, 5).N, "a change of the tenant's places forgets its counts")
	assert.Equal(t, 9, count(globex, 10).N, "and only its own")
	for _, sub := range feed.subs {
		sub.Changed("assets:8")
	}
	assert.Equal(t, 10, count(globex, 10).N, "a change of the tenant's assets forgets its counts")

	now = now.Add(countLifetime)
	assert.Equal(t, 6, count(acme, 6).N, "a count is not used past its lifetime")
	loads = 0
	assert.Equal(t, 1, count(context.Background(), 1).N)
	assert.Equal(t, 2, count(context.Background(), 2).N, "outside a tenant nothing is remembered")
	assert.Equal(t, 2, loads)
}
