package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// SecurityEvent records one security-relevant action in a company: who
// (actor_id, nil when unknown), through which API token (api_token_id, nil
// for a person), what (type, subject), from where (ip) and in which request.
// Events are never changed.
type SecurityEvent struct {
	ent.Schema
}

// Mixin of the SecurityEvent.
func (SecurityEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Internal limits of a security event: the server writes these fields, no
// user types them.
const (
	// eventTypeLen bounds an event type name such as "permissions_changed".
	eventTypeLen = 40
	// eventIPLen holds any IPv6 address in text (at most 45 characters).
	eventIPLen = 64
	// eventRequestIDLen is the longest request id the HTTP edge accepts
	// from a client or makes up itself.
	eventRequestIDLen = 64
)

// Fields of the SecurityEvent.
func (SecurityEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("type").MinRuneLen(1).MaxRuneLen(eventTypeLen).Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		// A plain id like actor_id, not an edge: the record must name the
		// token whatever becomes of it.
		field.Int("api_token_id").Optional().Nillable().Immutable(),
		field.String("subject").Default("").MaxRuneLen(validation.EventSubject.Max).Immutable(),
		field.String("ip").Default("").MaxRuneLen(eventIPLen).Immutable(),
		field.String("request_id").Default("").MaxRuneLen(eventRequestIDLen).Immutable(),
	}
}

// Indexes of the SecurityEvent.
func (SecurityEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "created_at"),
		index.Fields("company_id", "type", "created_at"),
	}
}
