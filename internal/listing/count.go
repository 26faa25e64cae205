package listing

import "context"

// CountCap is how far a list counts exactly. Counting every match of a
// tenant with a million assets costs more than reading the page; up to
// CountCap, counting is cheap and exact.
const CountCap = 10_000

// Counter is what a generated Ent query offers for a capped count.
type Counter[Q any] interface {
	Clone() Q
	Limit(int) Q
	Offset(int) Q
	IDs(context.Context) ([]int, error)
	Count(context.Context) (int, error)
}

// countCapped counts what q matches up to CountCap. A probe first asks
// for the id past the cap, which the database finds by stepping over
// CountCap index entries and sends nothing else; only when there is none
// does an exact count(*) follow, over at most CountCap rows. capped says
// more than CountCap match; the count is then CountCap.
func countCapped[Q Counter[Q]](ctx context.Context, q Q) (count int, capped bool, err error) {
	past, err := q.Clone().Offset(CountCap).Limit(1).IDs(ctx)
	if err != nil {
		return 0, false, err
	}
	if len(past) > 0 {
		return CountCap, true, nil
	}
	count, err = q.Count(ctx)
	return count, false, err
}
