package schema

import (
	"context"
	"errors"

	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema/field"

	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/validation"
)

// ErrPlatformOnly refuses a change of a company outside the system context:
// tenants are created and switched on or off by the platform alone.
var ErrPlatformOnly = errors.New("tenancy: companies are changed by the platform only")

// Company is the tenant. It is the root of isolation and carries no
// company_id of its own: a tenant sees exactly its own company, and
// only the system context may create or change companies.
type Company struct {
	ent.Schema
}

// Fields of the Company.
func (Company) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").MinRuneLen(validation.Name.Min).MaxRuneLen(validation.Name.Max),
		field.String("subdomain").MinRuneLen(validation.Subdomain.Min).MaxRuneLen(validation.Subdomain.Max).Unique().Immutable(),
		field.Bool("is_active").Default(true),
		field.Time("created_at").Default(storedNow).Immutable(),
		field.Time("updated_at").Default(storedNow).UpdateDefault(storedNow),
	}
}

// Policy of the Company: the system context passes; a tenant may read its
// own company and nothing else, and change none.
func (Company) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			queryRuleFunc(func(ctx context.Context, q ent.Query) error {
				if tenancy.IsSystem(ctx) {
					return privacy.Allow
				}
				companyID, ok := tenancy.TenantOf(ctx)
				if !ok {
					return privacy.Denyf("%w", ErrNoTenant)
				}
				if !tenancy.EntWall {
					return privacy.Allow
				}
				if err := whereColumn(q, "id", companyID); err != nil {
					return privacy.Denyf("%w", err)
				}
				return privacy.Allow
			}),
		},
		Mutation: privacy.MutationPolicy{
			privacy.MutationRuleFunc(func(ctx context.Context, _ ent.Mutation) error {
				if tenancy.IsSystem(ctx) {
					return privacy.Allow
				}
				return privacy.Denyf("%w", ErrPlatformOnly)
			}),
		},
	}
}
