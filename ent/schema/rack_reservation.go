package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// RackReservation blocks units of a rack for a purpose, on one face or
// (full_depth) both, until it is deleted or expires. It is written once.
type RackReservation struct {
	ent.Schema
}

// Mixin of the RackReservation.
func (RackReservation) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the RackReservation.
func (RackReservation) Fields() []ent.Field {
	return []ent.Field{
		field.Int("rack_id").Immutable(),
		field.Int("position").Immutable().Range(validation.Position.Min, validation.Position.Max),
		field.Int("u_height").Immutable().Range(validation.ReservedUnits.Min, validation.ReservedUnits.Max),
		field.Enum("face").Values("front", "rear").Immutable(),
		field.Bool("full_depth").Default(false).Immutable(),
		field.String("description").MinRuneLen(validation.Purpose.Min).MaxRuneLen(validation.Purpose.Max).Immutable(),
		field.Time("expires_at").Optional().Nillable().Immutable(),
	}
}

// Edges of the RackReservation.
func (RackReservation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("rack", Rack.Type).Field("rack_id").Unique().Required().Immutable(),
	}
}

// Indexes of the RackReservation.
func (RackReservation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "rack_id"),
	}
}
