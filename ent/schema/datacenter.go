package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// Datacenter is a site that holds assets.
type Datacenter struct {
	ent.Schema
}

// Mixin of the Datacenter.
func (Datacenter) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the Datacenter.
func (Datacenter) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").MinRuneLen(validation.Name.Min).MaxRuneLen(validation.Name.Max),
		field.String("code").MinRuneLen(validation.DatacenterCode.Min).MaxRuneLen(validation.DatacenterCode.Max),
		field.String("address").Optional().Nillable().MaxRuneLen(validation.Address.Max),
	}
}

// Indexes of the Datacenter.
func (Datacenter) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "name").Unique(),
		index.Fields("company_id", "code").Unique(),
	}
}
