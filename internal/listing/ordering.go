package listing

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/internal/apperr"
)

// ErrUnknownOrdering refuses an ordering parameter that names no listed field.
var ErrUnknownOrdering = apperr.Invalid("ordering", "Unknown ordering field.")

// Fields maps the names an ordering parameter may use to an entity's
// generated order functions.
type Fields[O ~func(*sql.Selector)] = map[string]func(...sql.OrderTermOption) O

// Ordering is what a collection's `ordering` parameter ("name" or "-name")
// may name, its default, and the id order that breaks ties so that pages
// never overlap or skip. O is the generated order option of one entity.
type Ordering[O ~func(*sql.Selector)] struct {
	Fields Fields[O]
	// Default applies when the parameter is empty, e.g. "name" or
	// "-created_at".
	Default string
	// ByID is the entity's id order, the tie-break.
	ByID func(...sql.OrderTermOption) O
}

// resolve returns the ordering that param names (the default when param
// is empty), its field, and whether it runs descending.
func (o Ordering[O]) resolve(param string) (name string, field string, desc bool, err error) {
	if param == "" {
		param = o.Default
	}
	field, desc = strings.CutPrefix(param, "-")
	if _, ok := o.Fields[field]; !ok {
		return "", "", false, ErrUnknownOrdering
	}
	return param, field, desc, nil
}

// Terms returns the order terms for param: the named field, then the id in
// the same direction.
func (o Ordering[O]) Terms(param string) ([]O, error) {
	_, field, desc, err := o.resolve(param)
	if err != nil {
		return nil, err
	}
	var dir []sql.OrderTermOption
	if desc {
		dir = append(dir, sql.OrderDesc())
	}
	return []O{o.Fields[field](dir...), o.ByID(dir...)}, nil
}

// SortableQuery is a generated Ent query that takes order options O.
type SortableQuery[Q, T any, O ~func(*sql.Selector)] interface {
	Query[Q, T]
	Order(...O) Q
}

// Params are what every list request carries besides its filters: the
// ordering parameter, the page, and the cursor of a page read by keyset.
type Params struct {
	Ordering string
	Page     Page
	// Cursor is the cursor parameter, "" when there is none.
	Cursor string
	// ByOffset says the request named an offset (0 included): its pages
	// are read and linked by offset, as they always were.
	ByOffset bool
}

// FetchSorted orders q by the request's ordering parameter (o says what it
// may name) and fetches its page, as Fetch does. A request that names no
// offset is read by keyset: after p.Cursor's row when there is one, and
// the result carries the cursor of the next page; the count is the whole
// collection's either way. Ordering fields must not be nullable: a row
// value with a NULL compares to nothing.
func FetchSorted[Q SortableQuery[Q, T, O], T any, O ~func(*sql.Selector)](ctx context.Context, q Q, o Ordering[O], p Params, opts ...Option) (Result[T], error) {
	var with options
	for _, opt := range opts {
		opt(&with)
	}
	name, field, desc, err := o.resolve(p.Ordering)
	if err != nil {
		return Result[T]{}, err
	}
	page := p.Page.Clamped()
	if page.Offset > MaxOffset {
		return Result[T]{}, ErrOffsetTooLarge
	}
	terms, _ := o.Terms(name)
	// The count reads the collection unordered: the order's index may
	// not be the one that finds the matches of a filter quickly.
	counted, ordered := q.Clone(), q.Order(terms...)
	switch {
	case p.Cursor != "" && p.ByOffset:
		return Result[T]{}, ErrCursorAndOffset
	case p.ByOffset:
		return fetch(ctx, counted, ordered.Offset(page.Offset), page, with)
	case p.Cursor != "":
		c, err := decodeCursor(p.Cursor, name, FiltersOf(ctx))
		if err != nil {
			return Result[T]{}, err
		}
		key, err := keyValue[T](field, c.Key)
		if err != nil {
			return Result[T]{}, err
		}
		ordered = ordered.Order(after[O](field, desc, key, c.ID))
	}
	res, err := fetch(ctx, counted, ordered, page, with)
	if err != nil {
		return res, err
	}
	res.ByCursor = p.Cursor != ""
	return res, setNextCursor(ctx, &res, name, field)
}

// setNextCursor gives res the cursor after its last item when another
// page follows.
func setNextCursor[T any](ctx context.Context, res *Result[T], ordering, field string) error {
	if !res.More || len(res.Items) == 0 {
		return nil
	}
	key, id, err := keyOf(res.Items[len(res.Items)-1], field)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(key)
	if err != nil {
		return fmt.Errorf("listing: encode cursor key: %w", err)
	}
	res.NextCursor = Cursor{Ordering: ordering, Filters: FiltersOf(ctx), Key: raw, ID: id}.Encode()
	return nil
}
