package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// AssetPlacementChange records one move of an asset: the rack, position and
// face it had and has, by whom (created_by) and when (created_at). The
// racks are copied by id and name rather than linked, so that the history
// still reads after a rack is renamed or deleted. Entries are never
// updated.
type AssetPlacementChange struct {
	ent.Schema
}

// Mixin of the AssetPlacementChange.
func (AssetPlacementChange) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the AssetPlacementChange.
func (AssetPlacementChange) Fields() []ent.Field {
	return []ent.Field{
		field.Int("asset_id").Immutable(),
		field.Int("from_rack_id").Optional().Nillable().Immutable(),
		field.String("from_rack_name").Optional().Nillable().MaxRuneLen(validation.Name.Max).Immutable(),
		field.Int("from_position").Optional().Nillable().Immutable(),
		field.Enum("from_face").Values("front", "rear").Optional().Nillable().Immutable(),
		field.Int("to_rack_id").Optional().Nillable().Immutable(),
		field.String("to_rack_name").Optional().Nillable().MaxRuneLen(validation.Name.Max).Immutable(),
		field.Int("to_position").Optional().Nillable().Immutable(),
		field.Enum("to_face").Values("front", "rear").Optional().Nillable().Immutable(),
	}
}

// Edges of the AssetPlacementChange.
func (AssetPlacementChange) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("asset", Asset.Type).Ref("placement_changes").Field("asset_id").Unique().Required().Immutable(),
	}
}

// Indexes of the AssetPlacementChange.
func (AssetPlacementChange) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "asset_id", "created_at"),
	}
}
