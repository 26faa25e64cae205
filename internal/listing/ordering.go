package listing

import (
	"context"
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

// Terms returns the order terms for param: the named field, then the id in
// the same direction.
func (o Ordering[O]) Terms(param string) ([]O, error) {
	if param == "" {
		param = o.Default
	}
	name, desc := strings.CutPrefix(param, "-")
	by, ok := o.Fields[name]
	if !ok {
		return nil, ErrUnknownOrdering
	}
	var dir []sql.OrderTermOption
	if desc {
		dir = append(dir, sql.OrderDesc())
	}
	return []O{by(dir...), o.ByID(dir...)}, nil
}

// SortableQuery is a generated Ent query that takes order options O.
type SortableQuery[Q, T any, O ~func(*sql.Selector)] interface {
	Query[Q, T]
	Order(...O) Q
}

// Params are what every list request carries besides its filters: the
// ordering parameter and the page.
type Params struct {
	Ordering string
	Page     Page
}

// FetchSorted orders q by the request's ordering parameter (o says what it
// may name) and fetches its page, as Fetch does.
func FetchSorted[Q SortableQuery[Q, T, O], T any, O ~func(*sql.Selector)](ctx context.Context, q Q, o Ordering[O], p Params) (Result[T], error) {
	terms, err := o.Terms(p.Ordering)
	if err != nil {
		return Result[T]{}, err
	}
	return Fetch(ctx, q.Order(terms...), p.Page)
}
