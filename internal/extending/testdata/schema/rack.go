package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Rack is a cabinet in a datacenter, measured in rack units.
type Rack struct {
	ent.Schema
}

// Mixin of the Rack: the AuditMixin makes it tenant-scoped.
func (Rack) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the Rack. There is no company_id here: the mixin adds it.
func (Rack) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100),
		field.Int("units").Range(1, 60),
		field.Int("datacenter_id"),
	}
}

// Edges of the Rack.
func (Rack) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("datacenter", Datacenter.Type).Field("datacenter_id").Unique().Required(),
	}
}

// Indexes of the Rack start with company_id: an upsert's DO UPDATE is not
// tenant-filtered, so uniqueness must be per company.
func (Rack) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "datacenter_id", "name").Unique(),
	}
}
