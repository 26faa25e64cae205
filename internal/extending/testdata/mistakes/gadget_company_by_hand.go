package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Gadget declares its company by hand instead of embedding the AuditMixin:
// the column exists, but no hook stamps it, no interceptor filters on it
// and no policy guards it. The tenancy test of ent/schema refuses it.
type Gadget struct {
	ent.Schema
}

// Fields of the Gadget.
func (Gadget) Fields() []ent.Field {
	return []ent.Field{
		field.Int("company_id"),
		field.String("name").NotEmpty().MaxLen(100),
	}
}

// Edges of the Gadget.
func (Gadget) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("company", Company.Type).Field("company_id").Unique().Required(),
	}
}
