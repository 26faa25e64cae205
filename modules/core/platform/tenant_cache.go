package platform

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// maxCachedTenants bounds the cache: unknown names are cached too, and a
// scan of names must not grow it without end.
const maxCachedTenants = 10000

// tenantStateChannel is the notify channel of tenant state changes; the
// payload is the subdomain whose resolution changed.
const tenantStateChannel = "binora_tenant_state"

// freshness says whether the cache may answer from memory: notify.Feed's
// Current, which also has the cache forget what changed since.
type freshness interface {
	Current(ctx context.Context) bool
}

// tenantCache remembers subdomain → company id, including misses, for at
// most ttl. It subscribes to tenant state changes (notify.Subscriber): a
// change in any process drops its subdomain, and a possible loss of
// changes drops everything. While the feed is not current the cache is
// bypassed; ttl remains the bound should a change go unseen anyway.
type tenantCache struct {
	ttl   time.Duration
	now   func() time.Time
	fresh freshness
	mu    sync.Mutex
	m     map[string]tenantEntry
	// generation counts the drops, so that an answer loaded while one
	// happened is not stored: it may predate the change.
	generation uint64
}

type tenantEntry struct {
	id      int
	found   bool
	expires time.Time
}

func newTenantCache(ttl time.Duration, now func() time.Time, fresh freshness) *tenantCache {
	return &tenantCache{ttl: ttl, now: now, fresh: fresh, m: map[string]tenantEntry{}}
}

// get returns the company id of subdomain, loading it when the cache has
// no fresh answer or may not be trusted.
func (c *tenantCache) get(ctx context.Context, subdomain string, load func() (int, bool, error)) (int, error) {
	trusted := c.fresh.Current(ctx)
	now := c.now()
	c.mu.Lock()
	e, ok := c.m[subdomain]
	generation := c.generation
	c.mu.Unlock()
	if !trusted || !ok || now.After(e.expires) {
		id, found, err := load()
		if err != nil {
			return 0, fmt.Errorf("resolve tenant: %w", err)
		}
		e = tenantEntry{id: id, found: found, expires: now.Add(c.ttl)}
		if trusted {
			c.store(subdomain, e, generation)
		}
	}
	if !e.found {
		return 0, ErrTenantNotFound
	}
	return e.id, nil
}

// store keeps e unless something was dropped since generation was read.
func (c *tenantCache) store(subdomain string, e tenantEntry, generation uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.generation != generation {
		return
	}
	if len(c.m) > maxCachedTenants {
		c.m = map[string]tenantEntry{}
	}
	c.m[subdomain] = e
}

// Changed drops what the cache knows of subdomain, so that a change of the
// tenant's state shows at the next request.
func (c *tenantCache) Changed(subdomain string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	delete(c.m, subdomain)
}

// Missed drops everything: changes may have gone unseen.
func (c *tenantCache) Missed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	c.m = map[string]tenantEntry{}
}
