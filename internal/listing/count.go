package listing

import (
	"context"
	"sync"
	"time"

	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
)

// CountCap is how far a list counts exactly. Counting every match of a
// tenant with a million assets costs more than reading the page; up to
// CountCap, counting is cheap and exact.
const CountCap = 10_000

// Counter is what a generated Ent query offers for a capped count.
type Counter[Q any] interface {
	Clone() Q
	Limit(int) Q
	Offset(int) Q
	IDs(context.Context) ([]int, error)
	Count(context.Context) (int, error)
}

// Count is how many rows a collection matched: N, or CountCap and
// Capped when more did.
type Count struct {
	N      int
	Capped bool
}

// CountMemory remembers the counts of collections between requests. It
// returns the count it holds for the collection key names in ctx's
// tenant, or the one load reads, which it may remember. A count it
// returns must be exact: it forgets a tenant's counts the moment that
// tenant's rows change.
type CountMemory interface {
	Count(ctx context.Context, key string, load func() (Count, error)) (Count, error)
}

// Option changes how a page is fetched.
type Option func(*options)

type options struct {
	counts CountMemory
}

// RememberCounts has the count of a collection taken from m, counted only
// when m does not hold it. Only a collection whose every change m hears of
// may use it.
func RememberCounts(m CountMemory) Option {
	return func(o *options) { o.counts = m }
}

// countOf counts what q matches up to CountCap, through the memory of
// opts when there is one and the request names a collection.
func countOf[Q Counter[Q]](ctx context.Context, q Q, opts options) (Count, error) {
	key, named := collectionOf(ctx)
	if opts.counts == nil || !named {
		return countCapped(ctx, q, key, named)
	}
	return opts.counts.Count(ctx, key.path+"?"+key.filters, func() (Count, error) {
		return countCapped(ctx, q, key, named)
	})
}

// countCapped counts what q matches up to CountCap. A probe first asks
// for the id past the cap, which the database finds by stepping over
// CountCap index entries and sends nothing else; only when there is none
// does an exact count(*) follow, over at most CountCap rows.
//
// Below the cap the probe steps over every match that the count then
// counts again, so a collection found small is counted without a probe
// for a while (smallCollections). The hint only saves time: a collection
// that has grown past the cap since answers as the probe would have, and
// loses its hint.
//
// key is the collection the request names (hinted false when it names
// none), looked up once by the caller: its filters' fingerprint is a hash
// of the whole query.
func countCapped[Q Counter[Q]](ctx context.Context, q Q, key collection, hinted bool) (Count, error) {
	if hinted && smallCollections.holds(key) {
		count, err := q.Count(ctx)
		if err != nil || count <= CountCap {
			return Count{N: count}, err
		}
		smallCollections.drop(key)
		return Count{N: CountCap, Capped: true}, nil
	}
	past, err := q.Clone().Offset(CountCap).Limit(1).IDs(ctx)
	if err != nil {
		return Count{}, err
	}
	if len(past) > 0 {
		return Count{N: CountCap, Capped: true}, nil
	}
	count, err := q.Count(ctx)
	if err == nil && hinted {
		smallCollections.remember(key)
	}
	return Count{N: count}, err
}

// collection names what a request lists: its tenant, its path and its
// filters. Without a tenant and a request there is no hint.
type collection struct {
	tenant  int
	path    string
	filters string
}

func collectionOf(ctx context.Context) (collection, bool) {
	tenant, ok := tenancy.TenantOf(ctx)
	u := reqinfo.From(ctx).URL
	if !ok || u == nil {
		return collection{}, false
	}
	return collection{tenant: tenant, path: u.Path, filters: FiltersOf(ctx)}, true
}

// smallHintLifetime is how long a collection counted small skips the
// probe; maxSmallHints bounds the hints kept, all dropped when full.
const (
	smallHintLifetime = time.Minute
	maxSmallHints     = 10_000
)

// smallCollections are the collections counted at most CountCap lately.
var smallCollections = &hints{now: time.Now, until: map[collection]time.Time{}}

type hints struct {
	now   func() time.Time
	mu    sync.Mutex
	until map[collection]time.Time
}

func (h *hints) holds(key collection) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	until, ok := h.until[key]
	return ok && h.now().Before(until)
}

func (h *hints) remember(key collection) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.until) >= maxSmallHints {
		clear(h.until)
	}
	h.until[key] = h.now().Add(smallHintLifetime)
}

func (h *hints) drop(key collection) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.until, key)
}
