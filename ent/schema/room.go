package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// Room is a hall of a datacenter that holds rows and racks. It never moves
// to another datacenter: its racks, and the assets in them, would have to
// move with it.
type Room struct {
	ent.Schema
}

// Mixin of the Room.
func (Room) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the Room.
func (Room) Fields() []ent.Field {
	return []ent.Field{
		field.Int("datacenter_id").Immutable(),
		field.String("name").MinRuneLen(validation.Name.Min).MaxRuneLen(validation.Name.Max),
		field.String("code").MinRuneLen(validation.FacilityCode.Min).MaxRuneLen(validation.FacilityCode.Max),
		field.String("floor").Optional().Nillable().MaxRuneLen(validation.Floor.Max),
		field.String("description").Optional().Nillable().MaxRuneLen(validation.Description.Max),
	}
}

// Edges of the Room.
func (Room) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("datacenter", Datacenter.Type).Field("datacenter_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Room.
func (Room) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "datacenter_id", "code").Unique(),
	}
}
