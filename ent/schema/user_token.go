package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// UserToken is a single-use, expiring token mailed to a user: an invitation
// or a password reset. Only its hash is kept.
type UserToken struct {
	ent.Schema
}

// Mixin of the UserToken.
func (UserToken) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the UserToken.
func (UserToken) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Immutable(),
		field.Enum("kind").Values("invitation", "password_reset").Immutable(),
		field.String("token_hash").MinRuneLen(1).MaxRuneLen(tokenHashLen).Immutable().Sensitive(),
		field.Time("expires_at").Immutable(),
		field.Time("used_at").Optional().Nillable(),
	}
}

// Edges of the UserToken.
func (UserToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable(),
	}
}

// Indexes of the UserToken.
func (UserToken) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "token_hash").Unique(),
		index.Fields("company_id", "user_id"),
	}
}
