package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Gadget is a made-up entity that will never ship: it shows what the
// tenancy test of ent/schema accepts, so that the mistakes beside it fail
// for their mistake alone.
type Gadget struct {
	ent.Schema
}

// Mixin of the Gadget: the AuditMixin makes it tenant-scoped.
func (Gadget) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the Gadget. There is no company_id here: the mixin adds it.
func (Gadget) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100),
	}
}

// Indexes of the Gadget start with company_id: names are unique per company.
func (Gadget) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "name").Unique(),
	}
}
