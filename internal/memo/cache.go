package memo

import (
	"context"
	"strconv"
	"sync"
	"time"
)

// Entry is what a cache remembers of one key: the company it belongs to,
// which a change of that company's rows drops, and until when it may be
// used at all (a session's or token's own end, say).
type Entry[V any] struct {
	Company int
	Value   V
	Until   time.Time
}

// Cache remembers values read from watched rows, by key. It is told of
// their changes (notify.Subscriber, through Watcher.Register): a change
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

// NewCache returns a cache of at most max entries, registered with w for
// the changes of topic. With no watcher it remembers nothing: nobody would
// tell it of a change.
func NewCache[K comparable, V any](w *Watcher, topic Topic, max int, now func() time.Time) *Cache[K, V] {
	if now == nil {
		now = time.Now
	}
	c := &Cache[K, V]{watcher: w, now: now, max: max}
	c.reset()
	if w != nil {
		w.Register(topic, c)
	}
	return c
}

// Get returns the entry of key from memory when it may be trusted, else
// the one load reads, which it remembers unless something changed while it
// was read. An error of load is returned and nothing is remembered.
func (c *Cache[K, V]) Get(ctx context.Context, key K, load func() (Entry[V], error)) (Entry[V], error) {
	trusted := c.watcher != nil && c.watcher.Current(ctx)
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

// GetMany returns the entries of keys: from memory those it may trust,
// the rest from one call of load, which returns those it found (a key it
// leaves out has no entry, and nothing is remembered of it).
func (c *Cache[K, V]) GetMany(ctx context.Context, keys []K, load func(missing []K) (map[K]Entry[V], error)) (map[K]Entry[V], error) {
	trusted := c.watcher != nil && c.watcher.Current(ctx)
	now := c.now()
	out := make(map[K]Entry[V], len(keys))
	var missing []K
	c.mu.Lock()
	generation := c.generation
	for _, key := range keys {
		if e, ok := c.entries[key]; trusted && ok && now.Before(e.Until) {
			out[key] = e
		} else {
			missing = append(missing, key)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	loaded, err := load(missing)
	if err != nil {
		return nil, err
	}
	for key, e := range loaded {
		out[key] = e
		if trusted {
			c.store(key, e, generation)
		}
	}
	return out, nil
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
