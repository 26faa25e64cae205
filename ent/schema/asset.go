package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
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

// Internal limits of an asset, set by the server rather than typed by a
// user, so they are not part of the validation vocabulary.
const (
	// assetTypeLen is the length of every asset type code (SRV, STO, ...).
	assetTypeLen = 3
	// assetCodeLen bounds a code the server allocates, "<type>-<number>":
	// room for a number far beyond the five digits it is padded to.
	assetCodeLen = 20
)

// Fields of the Asset.
func (Asset) Fields() []ent.Field {
	return []ent.Field{
		// code is allocated by the server from a per-company, per-type counter.
		field.String("code").MinRuneLen(1).MaxRuneLen(assetCodeLen).Immutable(),
		field.String("name").MinRuneLen(validation.Name.Min).MaxRuneLen(validation.Name.Max),
		field.String("asset_type").MinRuneLen(assetTypeLen).MaxRuneLen(assetTypeLen).Immutable(),
		field.Int("status"),
		field.String("serial_number").Optional().Nillable().MaxRuneLen(validation.SerialNumber.Max),
		field.Int("datacenter_id"),
		field.Int("parent_id").Optional().Nillable(),
		// Placement in a rack; the rules live in modules/assets/placement.
		field.Int("rack_id").Optional().Nillable(),
		field.Int("position").Optional().Nillable().Range(validation.Position.Min, validation.Position.Max),
		field.Enum("face").Values("front", "rear").Optional().Nillable(),
		field.Int("u_height").Default(1).Range(validation.AssetHeight.Min, validation.AssetHeight.Max),
		field.Bool("full_depth").Default(true),
	}
}

// Edges of the Asset.
func (Asset) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("datacenter", Datacenter.Type).Field("datacenter_id").Unique().Required(),
		edge.To("children", Asset.Type).From("parent").Field("parent_id").Unique(),
		edge.To("status_changes", AssetStatusChange.Type),
		edge.To("placement_changes", AssetPlacementChange.Type),
		// A rack is not deleted while assets are in it: nothing is taken
		// out of a rack behind the user's back.
		edge.To("rack", Rack.Type).Field("rack_id").Unique().
			Annotations(entsql.OnDelete(entsql.NoAction)),
	}
}

// Indexes of the Asset. A list page reads its rows in index order and
// stops after the page, whatever the tenant's size, when an index starts
// with the company and then follows the ordering with its id tie-break
// (modules/assets lists; docs/performance.md): code is unique, so
// (company_id, code) orders by code and id alike. The status filter, and
// the type and status filters together, with the default ordering have
// indexes of their own, which also count the matches without reading a
// row. The search's trigram index is PostgreSQL's alone, written by hand
// in its migrations.
func (Asset) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "code").Unique(),
		index.Fields("company_id", "status", "id"),
		index.Fields("company_id", "status", "code"),
		index.Fields("company_id", "name", "id"),
		index.Fields("company_id", "created_at", "id"),
		index.Fields("company_id", "updated_at", "id"),
		index.Fields("company_id", "asset_type", "status", "code", "id"),
		index.Fields("company_id", "datacenter_id"),
		index.Fields("company_id", "rack_id", "position"),
	}
}
