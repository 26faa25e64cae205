package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// RackRow is a row of racks in a room (the API's "row"). It never moves to
// another room.
type RackRow struct {
	ent.Schema
}

// Mixin of the RackRow.
func (RackRow) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the RackRow.
func (RackRow) Fields() []ent.Field {
	return []ent.Field{
		field.Int("room_id").Immutable(),
		field.String("name").MinRuneLen(validation.Name.Min).MaxRuneLen(validation.Name.Max),
	}
}

// Edges of the RackRow.
func (RackRow) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("room", Room.Type).Field("room_id").Unique().Required().Immutable(),
	}
}

// Indexes of the RackRow.
func (RackRow) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "room_id", "name").Unique(),
	}
}
