package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
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
		field.String("name").NotEmpty().MaxLen(100),
		field.String("code").NotEmpty().MaxLen(20),
		field.String("address").Optional().Nillable().MaxLen(255),
	}
}

// Indexes of the Datacenter.
func (Datacenter) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "name").Unique(),
		index.Fields("company_id", "code").Unique(),
	}
}
