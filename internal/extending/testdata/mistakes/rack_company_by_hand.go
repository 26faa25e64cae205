package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Rack declares its company by hand instead of embedding the AuditMixin:
// the column exists, but no hook stamps it, no interceptor filters on it
// and no policy guards it. The schema test of ent/schema refuses it.
type Rack struct {
	ent.Schema
}

// Fields of the Rack.
func (Rack) Fields() []ent.Field {
	return []ent.Field{
		field.Int("company_id"),
		field.String("name").NotEmpty().MaxLen(100),
		field.Int("units").Range(1, 60),
		field.Int("datacenter_id"),
	}
}

// Edges of the Rack.
func (Rack) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("company", Company.Type).Field("company_id").Unique().Required(),
		edge.To("datacenter", Datacenter.Type).Field("datacenter_id").Unique().Required(),
	}
}
