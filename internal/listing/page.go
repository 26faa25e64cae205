// Package listing is what every collection shares on the service side: the
// page window, clamped once to the API's limits, a stable order with an id
// tie-break, one query helper that counts and reads a page, and the
// next/previous links. Handlers build the envelope with package envelope.
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
	Count int
	// Page is the window actually read, after clamping.
	Page Page
}

// Query is what every generated Ent query offers for paging.
type Query[Q, T any] interface {
	Clone() Q
	Limit(int) Q
	Offset(int) Q
	Count(context.Context) (int, error)
	All(context.Context) ([]T, error)
}

// Fetch counts what q matches and reads the window p of it. q must already
// be ordered (Ordering.Terms gives a stable order); the count ignores the
// order and the window.
func Fetch[Q Query[Q, T], T any](ctx context.Context, q Q, p Page) (Result[T], error) {
	p = p.Clamped()
	if p.Offset > MaxOffset {
		return Result[T]{}, ErrOffsetTooLarge
	}
	count, err := q.Clone().Count(ctx)
	if err != nil {
		return Result[T]{}, err
	}
	items, err := q.Limit(p.Limit).Offset(p.Offset).All(ctx)
	if err != nil {
		return Result[T]{}, err
	}
	return Result[T]{Items: items, Count: count, Page: p}, nil
}
