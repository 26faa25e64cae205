package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Asset is a piece of equipment in a datacenter, moving through a lifecycle
// of statuses. The rules of that lifecycle live in modules/assets.
type Asset struct {
	ent.Schema
}

// Mixin of the Asset.
func (Asset) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the Asset.
func (Asset) Fields() []ent.Field {
	return []ent.Field{
		// code is allocated by the server from a per-company, per-type counter.
		field.String("code").NotEmpty().MaxLen(20).Immutable(),
		field.String("name").NotEmpty().MaxLen(100),
		field.String("asset_type").MaxLen(3).MinLen(3).Immutable(),
		field.Int("status"),
		field.String("serial_number").Optional().Nillable().MaxLen(150),
		field.Int("datacenter_id"),
		field.Int("parent_id").Optional().Nillable(),
	}
}

// Edges of the Asset.
func (Asset) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("datacenter", Datacenter.Type).Field("datacenter_id").Unique().Required(),
		edge.To("children", Asset.Type).From("parent").Field("parent_id").Unique(),
		edge.To("status_changes", AssetStatusChange.Type),
	}
}

// Indexes of the Asset.
func (Asset) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "code").Unique(),
		index.Fields("company_id", "status"),
		index.Fields("company_id", "asset_type"),
		index.Fields("company_id", "datacenter_id"),
	}
}
