package listing

import (
	"context"
	"strconv"

	"github.com/binora/binora/internal/reqinfo"
)

// Links returns the URLs of the next and previous pages of a collection of
// count items, derived from the URL of the current request so that every
// filter is kept. Either is "" when there is no such page.
func Links(ctx context.Context, p Page, count int) (next, previous string) {
	u := reqinfo.From(ctx).URL
	if u == nil {
		return "", ""
	}
	at := func(offset int) string {
		c := *u
		q := c.Query()
		q.Set("limit", strconv.Itoa(p.Limit))
		if offset > 0 {
			q.Set("offset", strconv.Itoa(offset))
		} else {
			q.Del("offset")
		}
		c.RawQuery = q.Encode()
		return c.String()
	}
	if p.Offset+p.Limit < count {
		next = at(p.Offset + p.Limit)
	}
	if p.Offset > 0 {
		previous = at(max(p.Offset-p.Limit, 0))
	}
	return next, previous
}
