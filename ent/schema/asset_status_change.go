package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// AssetStatusChange records one change of an asset's status: from what, to
// what, why, by whom (created_by) and when (created_at). Entries are never
// updated.
type AssetStatusChange struct {
	ent.Schema
}

// Mixin of the AssetStatusChange.
func (AssetStatusChange) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the AssetStatusChange.
func (AssetStatusChange) Fields() []ent.Field {
	return []ent.Field{
		field.Int("asset_id").Immutable(),
		field.Int("from_status").Immutable(),
		field.Int("to_status").Immutable(),
		field.String("reason").Default("").MaxRuneLen(validation.Reason.Max).Immutable(),
	}
}

// Edges of the AssetStatusChange.
func (AssetStatusChange) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("asset", Asset.Type).Ref("status_changes").Field("asset_id").Unique().Required().Immutable(),
	}
}

// Indexes of the AssetStatusChange.
func (AssetStatusChange) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "asset_id", "created_at"),
	}
}
