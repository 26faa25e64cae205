// Package listing is what every collection shares on the service side: the
// page window, clamped once to the API's limits, a stable order with an id
// tie-break, one query helper that counts (exactly up to CountCap) and
// reads a page by offset or by keyset cursor, and the next/previous links.
// Handlers build the envelope with package envelope.
package listing

import (
	"context"
	"fmt"

	"github.com/binora/binora/internal/apperr"
)

// Page sizes: what a client gets without asking, and the most it may ask
// for (openapi.yaml's limit parameter says the same); and the furthest a
// page may start, far past any collection, so that offset arithmetic (the
// next link) cannot overflow.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
	MaxOffset    = 1_000_000_000
)

// ErrOffsetTooLarge refuses a page that starts past MaxOffset.
var ErrOffsetTooLarge = apperr.Invalid("offset", fmt.Sprintf("Give an offset of at most %d.", MaxOffset))

// Page is a window on an ordered collection.
type Page struct {
	Limit  int
	Offset int
}

// Clamped is p within the API's limits: a zero or negative limit is the
// default, a larger one the maximum, a negative offset zero. Ent reads a
// zero limit as "no limit", so every page goes through here.
func (p Page) Clamped() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	p.Limit = min(p.Limit, MaxLimit)
	p.Offset = max(p.Offset, 0)
	return p
}

// Result is one page of a collection and how many items match in all.
type Result[T any] struct {
	Items []T
	// Count is how many items match, exact up to CountCap; past it,
	// CountCapped is set and Count is CountCap: more than that match.
	Count       int
	CountCapped bool
	// Page is the window actually read, after clamping.
	Page Page
	// More says whether items follow this page.
	More bool
	// NextCursor continues after this page by keyset, when the collection
	// can be read so and More is set; ByCursor says this page was.
	NextCursor string
	ByCursor   bool
}

// WithItems is r with other items: a page of the same window whose items
// were converted.
func WithItems[T, U any](r Result[T], items []U) Result[U] {
	return Result[U]{Items: items, Count: r.Count, CountCapped: r.CountCapped, Page: r.Page,
		More: r.More, NextCursor: r.NextCursor, ByCursor: r.ByCursor}
}

// Query is what every generated Ent query offers for paging.
type Query[Q, T any] interface {
	Counter[Q]
	All(context.Context) ([]T, error)
}

// Fetch counts what q matches and reads the window p of it. q must already
// be ordered (Ordering.Terms gives a stable order); the count ignores the
// window.
func Fetch[Q Query[Q, T], T any](ctx context.Context, q Q, p Page) (Result[T], error) {
	p = p.Clamped()
	if p.Offset > MaxOffset {
		return Result[T]{}, ErrOffsetTooLarge
	}
	return fetch(ctx, q.Clone(), q.Offset(p.Offset), p, options{})
}

// fetch counts what counted matches and reads one page of page, p's limit
// and one more row to learn whether another page follows.
func fetch[Q Query[Q, T], T any](ctx context.Context, counted, page Q, p Page, opts options) (Result[T], error) {
	count, err := countOf(ctx, counted, opts)
	if err != nil {
		return Result[T]{}, err
	}
	items, err := page.Limit(p.Limit + 1).All(ctx)
	if err != nil {
		return Result[T]{}, err
	}
	more := len(items) > p.Limit
	if more {
		items = items[:p.Limit]
	}
	return Result[T]{Items: items, Count: count.N, CountCapped: count.Capped, Page: p, More: more}, nil
}
