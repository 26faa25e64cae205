// Package envelope is the handler side of every collection: the page a
// request asks for, and the {count, next, previous, results} envelope of
// openapi.yaml. Every generated list type (api.AssetList, api.UserList, …)
// has the fields of List in the same order, so List[api.Asset] converts to
// api.AssetList directly.
package envelope

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing"
)

// List is the list envelope of openapi.yaml.
type List[R any] struct {
	Count      int
	CountExact bool
	Next       api.NilString
	Previous   api.NilString
	Results    []R
}

// Page reads the limit and offset parameters of a list operation.
func Page(limit, offset api.OptInt) listing.Page {
	return listing.Page{Limit: limit.Or(listing.DefaultLimit), Offset: offset.Or(0)}
}

// Params reads the ordering, limit, offset and cursor parameters of a
// sorted list operation.
func Params(ordering string, limit, offset api.OptInt, cursor api.OptString) listing.Params {
	return listing.Params{Ordering: ordering, Page: Page(limit, offset), Cursor: cursor.Or(""), ByOffset: offset.Set}
}

// Of shows a page of results with show, in the envelope whose links keep
// the request's filters.
func Of[T, R any](ctx context.Context, res listing.Result[T], show func(T) R) List[R] {
	out := List[R]{Count: res.Count, CountExact: !res.CountCapped, Results: make([]R, len(res.Items))}
	for i, item := range res.Items {
		out.Results[i] = show(item)
	}
	next, previous := listing.Links(ctx, listing.PositionOf(res))
	out.Next, out.Previous = nullable(next), nullable(previous)
	return out
}

func nullable(s string) api.NilString {
	var out api.NilString
	if s == "" {
		out.SetToNull()
	} else {
		out.SetTo(s)
	}
	return out
}
