package listing

import (
	"context"
	"net/url"
	"testing"

	"entgo.io/ent/dialect/sql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
)

func TestPage_ClampedOnceToTheAPILimits(t *testing.T) {
	tests := []struct {
		name string
		give Page
		want Page
	}{
		{"zero is the default page", Page{}, Page{Limit: DefaultLimit}},
		{"over the maximum is the maximum", Page{Limit: 5000, Offset: 10}, Page{Limit: MaxLimit, Offset: 10}},
		{"a negative offset is zero", Page{Limit: 10, Offset: -3}, Page{Limit: 10}},
		{"a sane page is kept", Page{Limit: 20, Offset: 40}, Page{Limit: 20, Offset: 40}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, tt.give.Clamped()) })
	}
}

// fakeQuery records the window it was asked for.
type fakeQuery struct {
	items         []int
	limit, offset int
}

func (q *fakeQuery) Clone() *fakeQuery { c := *q; return &c }
func (q *fakeQuery) Limit(n int) *fakeQuery {
	q.limit = n
	return q
}
func (q *fakeQuery) Offset(n int) *fakeQuery {
	q.offset = n
	return q
}
func (q *fakeQuery) IDs(ctx context.Context) ([]int, error) { return q.All(ctx) }
func (q *fakeQuery) Count(context.Context) (int, error)     { return len(q.items), nil }
func (q *fakeQuery) All(context.Context) ([]int, error) {
	end := len(q.items)
	if q.limit > 0 {
		end = min(q.offset+q.limit, end)
	}
	return q.items[min(q.offset, end):end], nil
}

func newFakeQuery(n int) *fakeQuery {
	q := &fakeQuery{items: make([]int, n)}
	for i := range q.items {
		q.items[i] = i
	}
	return q
}

func TestFetch_CountsAllAndReadsTheClampedWindow(t *testing.T) {
	res, err := Fetch(context.Background(), newFakeQuery(1200), Page{Limit: 5000, Offset: 100})
	require.NoError(t, err)
	assert.Equal(t, 1200, res.Count)
	assert.False(t, res.CountCapped)
	assert.Equal(t, Page{Limit: MaxLimit, Offset: 100}, res.Page)
	assert.Len(t, res.Items, 1000)
	assert.Equal(t, 100, res.Items[0])
	assert.True(t, res.More, "items 1100 to 1199 follow")
}

func TestFetch_CountsExactlyUpToTheCapAndNoFurther(t *testing.T) {
	tests := []struct {
		name       string
		give       int
		wantCount  int
		wantCapped bool
	}{
		{"below the cap", CountCap - 1, CountCap - 1, false},
		{"at the cap", CountCap, CountCap, false},
		{"past the cap", CountCap + 1, CountCap, true},
		{"far past the cap", 50 * CountCap, CountCap, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Fetch(context.Background(), newFakeQuery(tt.give), Page{Limit: 10})

			require.NoError(t, err)
			assert.Equal(t, tt.wantCount, res.Count)
			assert.Equal(t, tt.wantCapped, res.CountCapped)
		})
	}
}

func TestFetch_TheLastPageHasNoMore(t *testing.T) {
	res, err := Fetch(context.Background(), newFakeQuery(20), Page{Limit: 10, Offset: 10})

	require.NoError(t, err)
	assert.Len(t, res.Items, 10)
	assert.False(t, res.More)
}

func TestOrdering_Terms(t *testing.T) {
	type option func(*sql.Selector)
	by := func(col string) func(...sql.OrderTermOption) option {
		return func(opts ...sql.OrderTermOption) option {
			return option(sql.OrderByField(col, opts...).ToFunc())
		}
	}
	o := Ordering[option]{Fields: map[string]func(...sql.OrderTermOption) option{"name": by("name")}, Default: "name", ByID: by("id")}
	render := func(terms []option) string {
		s := sql.Select("*").From(sql.Table("t"))
		for _, term := range terms {
			term(s)
		}
		query, _ := s.Query()
		return query
	}
	tests := []struct {
		give    string
		want    string
		wantErr error
	}{
		{"", "SELECT * FROM `t` ORDER BY `t`.`name`, `t`.`id`", nil},
		{"name", "SELECT * FROM `t` ORDER BY `t`.`name`, `t`.`id`", nil},
		{"-name", "SELECT * FROM `t` ORDER BY `t`.`name` DESC, `t`.`id` DESC", nil},
		{"secret", "", ErrUnknownOrdering},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			terms, err := o.Terms(tt.give)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.True(t, apperr.IsKind(err, apperr.KindInvalid))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, render(terms))
		})
	}
}

func TestFetch_PastTheLastPossibleOffset_IsRefused(t *testing.T) {
	q := &fakeQuery{items: []int{1, 2, 3}}

	_, err := Fetch(context.Background(), q, Page{Limit: 10, Offset: MaxOffset + 1})
	_, okErr := Fetch(context.Background(), q, Page{Limit: 10, Offset: MaxOffset})

	require.ErrorIs(t, err, ErrOffsetTooLarge)
	assert.NoError(t, okErr)
}

// countingQuery is a fakeQuery that counts the statements it would run.
type countingQuery struct {
	*fakeQuery
	statements *int
}

func (q countingQuery) Clone() countingQuery { return q }
func (q countingQuery) Offset(n int) countingQuery {
	return countingQuery{q.fakeQuery.Offset(n), q.statements}
}
func (q countingQuery) Limit(n int) countingQuery {
	return countingQuery{q.fakeQuery.Limit(n), q.statements}
}
func (q countingQuery) IDs(ctx context.Context) ([]int, error) {
	*q.statements++
	return q.fakeQuery.IDs(ctx)
}
func (q countingQuery) Count(ctx context.Context) (int, error) {
	*q.statements++
	return q.fakeQuery.Count(ctx)
}

func TestCountCapped_SkipsTheProbeOfACollectionFoundSmall_UntilItGrows(t *testing.T) {
	u, err := url.Parse("http://acme.example/api/assets?status=60")
	require.NoError(t, err)
	ctx := reqinfo.With(tenancy.WithTenant(context.Background(), 7), reqinfo.Info{URL: u})
	var statements int
	q := countingQuery{newFakeQuery(CountCap - 1), &statements}

	count, err := countOf(ctx, q, options{})
	require.NoError(t, err)
	assert.Equal(t, Count{N: CountCap - 1}, count)
	assert.Equal(t, 2, statements, "the first count probes, then counts")

	statements = 0
	count, err = countOf(ctx, q, options{})
	require.NoError(t, err)
	assert.Equal(t, Count{N: CountCap - 1}, count)
	assert.Equal(t, 1, statements, "a collection found small is counted at once")

	grown := countingQuery{newFakeQuery(CountCap + 5), &statements}
	count, err = countOf(ctx, grown, options{})
	require.NoError(t, err)
	assert.Equal(t, Count{N: CountCap, Capped: true}, count, "a collection grown past the cap answers as the probe would")
	statements = 0
	_, err = countOf(ctx, grown, options{})
	require.NoError(t, err)
	assert.Equal(t, 1, statements, "and is probed again, which finds it past the cap")

	other := tenancy.WithTenant(reqinfo.With(context.Background(), reqinfo.Info{URL: u}), 8)
	statements = 0
	_, err = countOf(other, q, options{})
	require.NoError(t, err)
	assert.Equal(t, 2, statements, "another tenant's collection has no hint")
}
