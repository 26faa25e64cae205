package listing

import "context"

// CountCap is how far a list counts exactly. Counting every match of a
// tenant with a million assets costs more than reading the page; up to
// CountCap, counting is cheap and exact.
const CountCap = 10_000

// countCapped counts what q matches up to CountCap: one statement reading
// at most CountCap+1 ids, whatever the collection's size. capped says
// more than CountCap match; the count is then CountCap.
func countCapped[Q Query[Q, T], T any](ctx context.Context, q Q) (count int, capped bool, err error) {
	ids, err := q.Limit(CountCap + 1).IDs(ctx)
	if err != nil {
		return 0, false, err
	}
	if len(ids) > CountCap {
		return CountCap, true, nil
	}
	return len(ids), false, nil
}
