package identitycache

import (
	"context"
	"strconv"
	"sync"
	"time"
)

// Entry is what a cache remembers of one key: the company it belongs to,
// which a change of that company's identity drops, and until when it may
// be used at all (a session's or token's own end).
type Entry[V any] struct {
	Company int
	Value   V
	Until   time.Time
}

// Cache remembers values read from identity rows, by key. It is told of
// identity changes (notify.Subscriber, through Watcher.Register): a change
// drops the entries of its company, a possible loss of changes drops
// everything, and while the watcher is not current every lookup reads the
// database. It holds at most max entries, starting over when full.
type Cache[K comparable, V any] struct {
	watcher *Watcher
	now     func() time.Time
	max     int

	mu        sync.Mutex
	entries   map[K]Entry[V]
	byCompany map[int]map[K]struct{}
	// generation counts the drops, so that a value loaded while one
	// happened is not stored: it may predate the change.
	generation uint64
}

// NewCache returns a cache of at most max entries, registered with w.
func NewCache[K comparable, V any](w *Watcher, max int, now func() time.Time) *Cache[K, V] {
	if now == nil {
		now = time.Now
	}
	c := &Cache[K, V]{watcher: w, now: now, max: max}
	c.reset()
	w.Register(c)
	return c
}

// Get returns the entry of key from memory when it may be trusted, else
// the one load reads, which it remembers unless something changed while it
// was read. An error of load is returned and nothing is remembered.
func (c *Cache[K, V]) Get(ctx context.Context, key K, load func() (Entry[V], error)) (Entry[V], error) {
	trusted := c.watcher.Current(ctx)
	now := c.now()
	c.mu.Lock()
	e, ok := c.entries[key]
	generation := c.generation
	c.mu.Unlock()
	if trusted && ok && now.Before(e.Until) {
		return e, nil
	}
	e, err := load()
	if err != nil {
		return e, err
	}
	if trusted {
		c.store(key, e, generation)
	}
	return e, nil
}

func (c *Cache[K, V]) store(key K, e Entry[V], generation uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.generation != generation {
		return
	}
	if len(c.entries) >= c.max {
		c.reset()
	}
	c.entries[key] = e
	keys := c.byCompany[e.Company]
	if keys == nil {
		keys = map[K]struct{}{}
		c.byCompany[e.Company] = keys
	}
	keys[key] = struct{}{}
}

// Changed drops the entries of the company payload names (all of them
// when it names none).
func (c *Cache[K, V]) Changed(payload string) {
	company, err := strconv.Atoi(payload)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	if err != nil {
		c.reset()
		return
	}
	for key := range c.byCompany[company] {
		delete(c.entries, key)
	}
	delete(c.byCompany, company)
}

// Missed drops everything: changes may have gone unseen.
func (c *Cache[K, V]) Missed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	c.reset()
}

func (c *Cache[K, V]) reset() {
	c.entries = map[K]Entry[V]{}
	c.byCompany = map[int]map[K]struct{}{}
}
