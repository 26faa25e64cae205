package memo

import (
	"context"
	"slices"
	"time"

	"github.com/binora/binora/internal/tenancy"
)

// refLifetime bounds how long a remembered reference is used should a
// change of its row go unseen anyway.
const refLifetime = 10 * time.Minute

// refKey names a row of a tenant: ids are the database's, and the company
// keeps one tenant's lookups from ever answering with another's rows.
type refKey struct{ company, id int }

// Refs remembers rows of one entity by id, within each tenant: the
// references (a name, a code, an email) shown beside other rows.
type Refs[V any] struct {
	cache *Cache[refKey, V]
	load  func(ctx context.Context, ids []int) (map[int]V, error)
}

// NewRefs returns the references of an entity of topic whose rows load
// reads, by id, in the tenant of its context, registered with w.
func NewRefs[V any](w *Watcher, topic Topic, max int, now func() time.Time, load func(ctx context.Context, ids []int) (map[int]V, error)) *Refs[V] {
	return &Refs[V]{cache: NewCache[refKey, V](w, topic, max, now), load: load}
}

// Of returns the rows of ids (repeats allowed) in ctx's tenant, by id; an
// id the tenant has no row of is left out. Outside a tenant nothing is
// remembered.
func (r *Refs[V]) Of(ctx context.Context, ids []int) (map[int]V, error) {
	return r.Through(ctx, ids, r.load)
}

// Through is Of reading the rows it does not remember with load instead
// of the loader of NewRefs: a write reads them through its transaction,
// never asking the pool for a second connection while it holds one.
func (r *Refs[V]) Through(ctx context.Context, ids []int, load func(ctx context.Context, ids []int) (map[int]V, error)) (map[int]V, error) {
	// One copy, where slices.Sorted would grow its slice id by id.
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	company, ok := tenancy.TenantOf(ctx)
	if !ok {
		return load(ctx, ids)
	}
	keys := make([]refKey, len(ids))
	for i, id := range ids {
		keys[i] = refKey{company: company, id: id}
	}
	entries, err := r.cache.GetMany(ctx, keys, func(missing []refKey) (map[refKey]Entry[V], error) {
		ids := make([]int, len(missing))
		for i, k := range missing {
			ids[i] = k.id
		}
		rows, err := load(ctx, ids)
		if err != nil {
			return nil, err
		}
		until := r.cache.now().Add(refLifetime)
		out := make(map[refKey]Entry[V], len(rows))
		for id, v := range rows {
			out[refKey{company: company, id: id}] = Entry[V]{Company: company, Value: v, Until: until}
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[int]V, len(entries))
	for k, e := range entries {
		out[k.id] = e.Value
	}
	return out, nil
}
