package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// TeamMembership puts a user in a team. It is an entity of its own, not an
// Ent many-to-many join table, so that it carries the company like every
// other tenant-scoped row.
type TeamMembership struct {
	ent.Schema
}

// Mixin of the TeamMembership.
func (TeamMembership) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the TeamMembership.
func (TeamMembership) Fields() []ent.Field {
	return []ent.Field{
		field.Int("team_id").Immutable(),
		field.Int("user_id").Immutable(),
	}
}

// Edges of the TeamMembership.
func (TeamMembership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("team", Team.Type).Field("team_id").Unique().Required().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable(),
	}
}

// Indexes of the TeamMembership.
func (TeamMembership) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "team_id", "user_id").Unique(),
		index.Fields("company_id", "user_id"),
	}
}
