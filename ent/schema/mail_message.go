package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"

	"github.com/binora/binora/internal/validation"
)

// MailMessage is the outbox: every message Binora sends (invitations,
// password resets) is kept here, whichever mailer delivers it, with
// whether and after how many attempts it was delivered.
type MailMessage struct {
	ent.Schema
}

// Mixin of the MailMessage.
func (MailMessage) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the MailMessage.
func (MailMessage) Fields() []ent.Field {
	return []ent.Field{
		field.String("to_address").MinRuneLen(1).MaxRuneLen(validation.Email.Max).Immutable(),
		field.String("subject").MinRuneLen(validation.MailSubject.Min).MaxRuneLen(validation.MailSubject.Max).Immutable(),
		// body carries a single-use token, so it is stored sealed with a key
		// derived from the server secret (modules/core/mailtoken/seal.go)
		// and never shown through the API.
		field.Text("body").Immutable().Sensitive(),
		// sent_at is when the mailer accepted the message; null while it is
		// undelivered (the server gave up, or stopped before it could).
		field.Time("sent_at").Optional().Nillable(),
		// attempts counts the sends tried, failed ones included.
		field.Int("attempts").NonNegative().Default(0),
	}
}
