package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// APIToken is a partner's machine credential, "bnr_<id>_<secret>". It acts
// with the intersection of its permissions and its creator's (created_by)
// current ones, and is bound to its company. Only the secret's hash is kept.
type APIToken struct {
	ent.Schema
}

// Mixin of the APIToken.
func (APIToken) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the APIToken.
func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").MinRuneLen(validation.Name.Min).MaxRuneLen(validation.Name.Max),
		field.Strings("permissions").Default([]string{}),
		field.Time("expires_at").Optional().Nillable().Immutable(),
		field.Strings("allowed_cidrs").Default([]string{}).Immutable(),
		field.String("secret_hash").MinRuneLen(1).MaxRuneLen(tokenHashLen).Immutable().Sensitive(),
		field.Time("last_used_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
	}
}

// Indexes of the APIToken.
func (APIToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("company_id", "created_at")}
}
