// Package schema declares Binora's entities. Every tenant-scoped entity embeds
// AuditMixin, which is what keeps tenants apart: nothing else in the code base
// filters by company.
package schema

import (
	"context"
	"errors"
	"fmt"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	"github.com/binora/binora/ent/intercept"
	"github.com/binora/binora/internal/tenancy"
)

// ErrNoTenant is returned for any data access that carries neither a tenant
// nor the system context.
var ErrNoTenant = errors.New("tenancy: no tenant in context")

// ErrTenantOnly refuses the system context a tenant row outside the
// platform's few paths (platformReads): tenant rows are read and written
// inside their tenant.
var ErrTenantOnly = errors.New("tenancy: tenant rows are reached inside their tenant, not by the platform")

// ErrForeignCompany is returned when a create names another company than the
// tenant's.
var ErrForeignCompany = errors.New("tenancy: create names another company")

// storedNow is the time of a write as the database keeps it: PostgreSQL
// keeps microseconds, so an answer built from what a write sent (a create,
// a status change) shows what a later read shows.
func storedNow() time.Time { return time.Now().Round(time.Microsecond) }

// AuditMixin gives a tenant-scoped entity its company and its audit fields,
// and confines every read and write of it to the tenant's company.
type AuditMixin struct {
	mixin.Schema
}

// Fields of the AuditMixin.
func (AuditMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("company_id").Immutable(),
		field.Time("created_at").Default(storedNow).Immutable(),
		field.Time("updated_at").Default(storedNow).UpdateDefault(storedNow),
		// created_by and updated_by name users without a foreign key: an edge
		// from User to itself would be one-to-one in Ent, and users are
		// deactivated, never deleted.
		field.Int("created_by").Optional().Nillable().Immutable(),
		field.Int("updated_by").Optional().Nillable(),
		// version counts the writes of the row (versionRows); the ETag of
		// the row is made of it.
		field.Int(versionField).Default(1),
	}
}

// Edges of the AuditMixin.
func (AuditMixin) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("company", Company.Type).Field("company_id").Unique().Required().Immutable(),
	}
}

// Hooks of the AuditMixin stamp the company and the author of every write
// and check every row it links to; the second counts the versions of every
// row and holds a write to the version the request's If-Match names. The privacy policy runs before these
// hooks and sees no company on a create, so the create rule lives here: a
// create may not name another company than the tenant's.
func (AuditMixin) Hooks() []ent.Hook {
	return []ent.Hook{stampTenant, versionRows}
}

// Interceptors of the AuditMixin add the tenant condition to every query,
// traversal, count and eager load.
func (AuditMixin) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{ent.TraverseFunc(confineQuery)}
}

// Policy of the AuditMixin: the system context reads only what the
// platform needs (platformReads) and writes no tenant row; otherwise deny
// without a tenant, and confine updates and deletes to the tenant.
func (AuditMixin) Policy() ent.Policy {
	return privacy.Policy{
		// The interceptor does the filtering of reads; the policy makes sure
		// no read runs without a tenant at all.
		Query: privacy.QueryPolicy{
			queryRuleFunc(func(ctx context.Context, q ent.Query) error {
				if tenancy.IsSystem(ctx) {
					return platformRead(q)
				}
				if _, ok := tenancy.TenantOf(ctx); !ok {
					return privacy.Denyf("%w", ErrNoTenant)
				}
				return privacy.Allow
			}),
		},
		Mutation: privacy.MutationPolicy{
			privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
				if tenancy.IsSystem(ctx) && tenancy.EntWall {
					return privacy.Denyf("%w", ErrTenantOnly)
				}
				if tenancy.IsSystem(ctx) {
					return privacy.Allow
				}
				companyID, ok := tenancy.TenantOf(ctx)
				if !ok {
					return privacy.Denyf("%w", ErrNoTenant)
				}
				if tenancy.EntWall && !m.Op().Is(ent.OpCreate) {
					if err := whereCompany(m, companyID); err != nil {
						return privacy.Denyf("%w", err)
					}
				}
				return privacy.Allow
			}),
		},
	}
}

// platformReads are the tenant-scoped entities that the system context may
// read across tenants; it writes none. They are the same platform paths
// that PostgreSQL's policies allow (ent/migrate/diff/tenantwalls), so both
// walls hold the platform to the same list.
var platformReads = map[string]string{
	"APIToken": "a bnr_<id>_… token is resolved to its company before the tenant is known",
}

// platformRead lets the system context read q's entity if it is one of
// platformReads.
func platformRead(q ent.Query) error {
	gq, err := intercept.NewQuery(q)
	if err != nil {
		return privacy.Denyf("tenancy: %w", err)
	}
	if _, ok := platformReads[gq.Type()]; ok || !tenancy.EntWall {
		return privacy.Allow
	}
	return privacy.Denyf("%w: read of %s", ErrTenantOnly, gq.Type())
}

// predicater is what generated mutations offer for raw predicates.
type predicater interface {
	WhereP(...func(*sql.Selector))
}

// whereCompany confines a mutation to one company.
func whereCompany(m ent.Mutation, companyID int) error {
	p, ok := m.(predicater)
	if !ok {
		return fmt.Errorf("tenancy: %T cannot be confined to a company", m)
	}
	p.WhereP(sql.FieldEQ("company_id", companyID))
	return nil
}

// whereColumn adds column = value to a query of any entity.
func whereColumn(q ent.Query, column string, value int) error {
	gq, err := intercept.NewQuery(q)
	if err != nil {
		return fmt.Errorf("tenancy: %w", err)
	}
	gq.WhereP(sql.FieldEQ(column, value))
	return nil
}

func confineQuery(ctx context.Context, q ent.Query) error {
	if tenancy.IsSystem(ctx) {
		return nil
	}
	companyID, ok := tenancy.TenantOf(ctx)
	if !ok {
		return ErrNoTenant
	}
	if !tenancy.EntWall {
		return nil
	}
	return whereColumn(q, "company_id", companyID)
}

var stampTenant = func(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if !tenancy.IsSystem(ctx) {
			companyID, ok := tenancy.TenantOf(ctx)
			if !ok {
				return nil, ErrNoTenant
			}
			if err := stampAuthor(m, companyID, tenancy.UserOf(ctx)); err != nil {
				return nil, err
			}
		}
		if err := checkReferences(ctx, m); err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if r, ok := m.(rowRememberer); ok && err == nil && m.Op().Is(ent.OpCreate|ent.OpUpdateOne) {
			r.RememberTenantRow(ctx, v)
		}
		return v, err
	})
}

// stampAuthor sets the company of a create (refusing another one) and the
// author fields of a create or update; userID 0 is nobody, who leaves the
// author fields alone.
func stampAuthor(m ent.Mutation, companyID, userID int) error {
	if m.Op().Is(ent.OpCreate) {
		// Without the data layer's wall (tests only) a foreign company is
		// left for the database to refuse.
		given, set := m.Field("company_id")
		if set && given != companyID && tenancy.EntWall {
			return ErrForeignCompany
		}
		if !set {
			if err := m.SetField("company_id", companyID); err != nil {
				return err
			}
		}
		if userID > 0 {
			if err := m.SetField("created_by", userID); err != nil {
				return err
			}
		}
	}
	if userID > 0 && !m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
		return m.SetField("updated_by", userID)
	}
	return nil
}

// referenceChecker is what the generated mutation of every tenant-scoped
// entity offers (ent/template/tenant_references.tmpl): the check that each
// id it links to is a row of the tenant.
type referenceChecker interface {
	CheckTenantReferences(context.Context) error
}

// rowRememberer is the other half of the generated check: a row that a
// transaction wrote in its tenant needs no check when the same transaction
// links to it (a status change to the asset it just updated).
type rowRememberer interface {
	RememberTenantRow(context.Context, ent.Value)
}

// checkReferences refuses a create or update that links to a row the
// tenant cannot see, in the mutation's own transaction. A mutation without
// the generated check is refused too: a gap in generation must not open
// the wall.
func checkReferences(ctx context.Context, m ent.Mutation) error {
	if !tenancy.EntWall || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
		return nil
	}
	rc, ok := m.(referenceChecker)
	if !ok {
		return fmt.Errorf("tenancy: %T cannot check the rows it links to", m)
	}
	return rc.CheckTenantReferences(ctx)
}

// queryRuleFunc adapts a function to privacy.QueryRule; Ent generates such an
// adapter per project, but the schema package cannot import generated code.
type queryRuleFunc func(context.Context, ent.Query) error

// EvalQuery implements privacy.QueryRule.
func (f queryRuleFunc) EvalQuery(ctx context.Context, q ent.Query) error { return f(ctx, q) }
