package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// Rack is a frame of numbered units in a room, optionally in one of its
// rows. datacenter_id repeats the room's, so that names are unique per
// datacenter and the assets in the rack can be held to its datacenter; the
// facilities module keeps the two in step.
type Rack struct {
	ent.Schema
}

// Mixin of the Rack.
func (Rack) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the Rack.
func (Rack) Fields() []ent.Field {
	return []ent.Field{
		field.Int("datacenter_id"),
		field.Int("room_id"),
		field.Int("row_id").Optional().Nillable(),
		field.String("name").MinRuneLen(validation.Name.Min).MaxRuneLen(validation.Name.Max),
		field.String("facility_id").Optional().Nillable().MaxRuneLen(validation.FacilityID.Max),
		field.Int("u_height").Default(42).Range(validation.RackHeight.Min, validation.RackHeight.Max),
		field.Int("starting_unit").Default(1).Range(validation.StartingUnit.Min, validation.StartingUnit.Max),
		field.Bool("descending_units").Default(false),
		field.Enum("status").Values("planned", "active", "retired").Default("active"),
		field.String("serial_number").Optional().Nillable().MaxRuneLen(validation.SerialNumber.Max),
		field.String("asset_tag").Optional().Nillable().MaxRuneLen(validation.AssetTag.Max),
		field.Int("max_weight_kg").Optional().Nillable().Range(validation.Weight.Min, validation.Weight.Max),
		field.String("description").Optional().Nillable().MaxRuneLen(validation.Description.Max),
	}
}

// Edges of the Rack. Deleting a row leaves no rack without one behind the
// user's back: the key refuses it while racks stand in the row.
func (Rack) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("datacenter", Datacenter.Type).Field("datacenter_id").Unique().Required(),
		edge.To("room", Room.Type).Field("room_id").Unique().Required(),
		edge.To("row", RackRow.Type).Field("row_id").Unique().
			Annotations(entsql.OnDelete(entsql.NoAction)),
	}
}

// Indexes of the Rack.
func (Rack) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "datacenter_id", "name").Unique(),
		index.Fields("company_id", "datacenter_id", "facility_id").Unique(),
		index.Fields("company_id", "asset_tag").Unique(),
		index.Fields("company_id", "room_id"),
		index.Fields("company_id", "row_id"),
	}
}
