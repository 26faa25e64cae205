package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AssetCodeCounter holds the last number handed out for one asset type in
// one company. It only grows, so codes are never reused.
type AssetCodeCounter struct {
	ent.Schema
}

// Mixin of the AssetCodeCounter.
func (AssetCodeCounter) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the AssetCodeCounter.
func (AssetCodeCounter) Fields() []ent.Field {
	return []ent.Field{
		field.String("asset_type").MinRuneLen(assetTypeLen).MaxRuneLen(assetTypeLen).Immutable(),
		field.Int("last_value").Default(0).NonNegative(),
	}
}

// Indexes of the AssetCodeCounter. The unique index starts with company_id
// so that an upsert's conflict target can only ever be the tenant's own row.
func (AssetCodeCounter) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "asset_type").Unique(),
	}
}
