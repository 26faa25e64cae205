package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Rack forgets the AuditMixin: it has no company, so every tenant would
// see every rack. The schema test of ent/schema refuses it.
type Rack struct {
	ent.Schema
}

// Fields of the Rack.
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
