package memo

import (
	"context"
	"time"

	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/tenancy"
)

// countLifetime bounds how long a remembered count is used should a
// change of its rows go unseen anyway.
const countLifetime = time.Minute

// countKey names a collection of a tenant: the company keeps one tenant's
// count from ever answering another's list.
type countKey struct {
	company    int
	collection string
}

// Counts remembers how many rows each listed collection of a tenant
// matched (listing.CountMemory). A change of the tenant's rows of any of
// its topics forgets the tenant's counts, in every server: a list that
// stays exact is counted once until then instead of on every page.
type Counts struct {
	cache *Cache[countKey, listing.Count]
}

// NewCounts returns the counts of collections whose rows are those of
// topics, registered with w; at most max are kept.
func NewCounts(w *Watcher, max int, now func() time.Time, topics ...Topic) *Counts {
	if len(topics) == 0 {
		panic("memo: counts that no topic changes would never be forgotten")
	}
	c := &Counts{cache: NewCache[countKey, listing.Count](w, topics[0], max, now)}
	if w != nil {
		for _, topic := range topics[1:] {
			w.Register(topic, c.cache)
		}
	}
	return c
}

// Count returns the count of collection in ctx's tenant from memory, or
// load's. Outside a tenant nothing is remembered.
func (c *Counts) Count(ctx context.Context, collection string, load func() (listing.Count, error)) (listing.Count, error) {
	company, ok := tenancy.TenantOf(ctx)
	if !ok {
		return load()
	}
	e, err := c.cache.Get(ctx, countKey{company: company, collection: collection}, func() (Entry[listing.Count], error) {
		n, err := load()
		return Entry[listing.Count]{Company: company, Value: n, Until: c.cache.now().Add(countLifetime)}, err
	})
	return e.Value, err
}
