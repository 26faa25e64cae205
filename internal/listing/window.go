package listing

// Window is page p of items, a whole collection already in order: for the
// collections that are computed rather than counted and paged by SQL.
func Window[T any](items []T, p Page) (Result[T], error) {
	p = p.Clamped()
	if p.Offset > MaxOffset {
		return Result[T]{}, ErrOffsetTooLarge
	}
	lo := min(p.Offset, len(items))
	hi := min(lo+p.Limit, len(items))
	return Result[T]{Items: items[lo:hi], Count: len(items), Page: p, More: hi < len(items)}, nil
}
