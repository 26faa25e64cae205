package listing

import (
	"context"
	"net/url"
	"strconv"

	"github.com/binora/binora/internal/reqinfo"
)

// Position is where a page stands in its collection, what its links are
// made of.
type Position struct {
	Page Page
	// More says whether items follow the page.
	More bool
	// NextCursor, when set, continues by keyset instead of by offset.
	NextCursor string
	// ByCursor says the page itself was read by keyset: it has no offset
	// to step back from.
	ByCursor bool
}

// PositionOf is where res stands.
func PositionOf[T any](res Result[T]) Position {
	return Position{Page: res.Page, More: res.More, NextCursor: res.NextCursor, ByCursor: res.ByCursor}
}

// Links returns the URLs of the next and previous pages, derived from the
// URL of the current request so that every filter is kept. Either is ""
// when there is no such page. A page read by keyset links forward only,
// by cursor; a page read by offset links both ways by offset, except that
// the first page of a collection read by keyset links on by cursor.
func Links(ctx context.Context, pos Position) (next, previous string) {
	u := reqinfo.From(ctx).URL
	if u == nil {
		return "", ""
	}
	p := pos.Page
	if pos.More {
		if pos.NextCursor != "" {
			next = link(u, p.Limit, func(q url.Values) { q.Del("offset"); q.Set("cursor", pos.NextCursor) })
		} else {
			next = atOffset(u, p.Limit, p.Offset+p.Limit)
		}
	}
	if p.Offset > 0 && !pos.ByCursor {
		previous = atOffset(u, p.Limit, max(p.Offset-p.Limit, 0))
	}
	return next, previous
}

func atOffset(u *url.URL, limit, offset int) string {
	return link(u, limit, func(q url.Values) {
		if offset > 0 {
			q.Set("offset", strconv.Itoa(offset))
		} else {
			q.Del("offset")
		}
	})
}

// link is u with the limit set and the window moved by move.
func link(u *url.URL, limit int, move func(url.Values)) string {
	c := *u
	q := c.Query()
	q.Set("limit", strconv.Itoa(limit))
	move(q)
	c.RawQuery = q.Encode()
	return c.String()
}
