package platform

import (
	"fmt"
	"sync"
	"time"
)

// maxCachedTenants bounds the cache: unknown names are cached too, and a
// scan of names must not grow it without end.
const maxCachedTenants = 10000

// tenantCache remembers subdomain → company id, including misses, for ttl.
type tenantCache struct {
	ttl time.Duration
	now func() time.Time
	mu  sync.Mutex
	m   map[string]tenantEntry
}

type tenantEntry struct {
	id      int
	found   bool
	expires time.Time
}

func newTenantCache(ttl time.Duration, now func() time.Time) *tenantCache {
	return &tenantCache{ttl: ttl, now: now, m: map[string]tenantEntry{}}
}

// get returns the company id of subdomain, loading it when the cache has
// no fresh answer.
func (c *tenantCache) get(subdomain string, load func() (int, bool, error)) (int, error) {
	now := c.now()
	c.mu.Lock()
	e, ok := c.m[subdomain]
	c.mu.Unlock()
	if !ok || now.After(e.expires) {
		id, found, err := load()
		if err != nil {
			return 0, fmt.Errorf("resolve tenant: %w", err)
		}
		e = tenantEntry{id: id, found: found, expires: now.Add(c.ttl)}
		c.mu.Lock()
		if len(c.m) > maxCachedTenants {
			c.m = map[string]tenantEntry{}
		}
		c.m[subdomain] = e
		c.mu.Unlock()
	}
	if !e.found {
		return 0, ErrTenantNotFound
	}
	return e.id, nil
}

// forget drops what the cache knows of subdomain, so that a change of the
// tenant's state shows at the next request.
func (c *tenantCache) forget(subdomain string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, subdomain)
}
