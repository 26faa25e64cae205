package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/internal/precondition"
)

// versionField counts the writes of a row: every update adds one, and the
// ETag of the row is made of it (precondition.ETag). A counter rather than
// updated_at: PostgreSQL keeps microseconds where Go has nanoseconds, and
// two writes within one clock tick would share a timestamp.
const versionField = "version"

// idGetter is what generated single-row mutations offer: the row's id.
type idGetter interface {
	ID() (int, bool)
}

// rowExister is what the generated mutation of every tenant-scoped entity
// offers (ent/template/tenant_references.tmpl): whether the tenant sees a
// row, read in the mutation's own transaction, and whether an error is
// Ent's not-found (the generated package cannot be imported here).
type rowExister interface {
	TenantRowExists(ctx context.Context, id int) (bool, error)
	IsNotFound(err error) bool
}

// versionRows bumps the version of every updated row and applies the
// request's If-Match (precondition.Take) to the write of the row it names:
// the accepted versions become a condition of the UPDATE or DELETE itself,
// so no other write can slip in between the comparison and the write. A
// write that the condition stops is told apart from a missing row by a
// read of the row: a row of another tenant stays not found, never 412.
var versionRows = func(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if m.Op().Is(ent.OpUpdate | ent.OpUpdateOne) {
			if err := m.AddField(versionField, 1); err != nil {
				return nil, err
			}
		}
		exp, id := expectationOf(ctx, m)
		if exp == nil || exp.Any() {
			return next.Mutate(ctx, m)
		}
		if err := whereVersionIn(m, exp.Versions()); err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if re, ok := m.(rowExister); ok && stoppedNothing(re, v, err) {
			exists, xerr := re.TenantRowExists(ctx, id)
			switch {
			case xerr != nil:
				return nil, xerr
			case exists:
				return nil, precondition.ErrFailed
			}
		}
		return v, err
	})
}

// expectationOf returns the request's If-Match when m writes the one row
// it names, and that row's id.
func expectationOf(ctx context.Context, m ent.Mutation) (*precondition.Expectation, int) {
	if !m.Op().Is(ent.OpUpdateOne | ent.OpDeleteOne) {
		return nil, 0
	}
	g, ok := m.(idGetter)
	if !ok {
		return nil, 0
	}
	id, ok := g.ID()
	if !ok {
		return nil, 0
	}
	return precondition.Take(ctx, m.Type(), id), id
}

// whereVersionIn confines m to the versions given; none means no row (the
// versions start at 1).
func whereVersionIn(m ent.Mutation, versions []int) error {
	p, ok := m.(predicater)
	if !ok {
		return nil
	}
	if len(versions) == 0 {
		versions = []int{0}
	}
	values := make([]any, len(versions))
	for i, v := range versions {
		values[i] = v
	}
	p.WhereP(sql.FieldIn(versionField, values...))
	return nil
}

// stoppedNothing reports whether a single-row write met no row: an update
// answers Ent's not-found, a delete a count of 0 (its builder makes the
// not-found error after the hooks).
func stoppedNothing(re rowExister, v ent.Value, err error) bool {
	if err != nil {
		return re.IsNotFound(err)
	}
	n, isCount := v.(int)
	return isCount && n == 0
}
