package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SecurityEvent records one security-relevant action in a company: who
// (actor_id, nil when unknown), what (type, subject), from where (ip) and in
// which request. Events are never changed.
type SecurityEvent struct {
	ent.Schema
}

// Mixin of the SecurityEvent.
func (SecurityEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the SecurityEvent.
func (SecurityEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("type").NotEmpty().MaxLen(40).Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.String("subject").Default("").MaxLen(300).Immutable(),
		field.String("ip").Default("").MaxLen(64).Immutable(),
		field.String("request_id").Default("").MaxLen(64).Immutable(),
	}
}

// Indexes of the SecurityEvent.
func (SecurityEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "created_at"),
		index.Fields("company_id", "type", "created_at"),
	}
}
