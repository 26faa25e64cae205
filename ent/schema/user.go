package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// User is a person who signs in to one company. The same email may exist in
// two companies as two unrelated users.
type User struct {
	ent.Schema
}

// Mixin of the User.
func (User) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").MinRuneLen(validation.Email.Min).MaxRuneLen(validation.Email.Max),
		field.String("first_name").Default("").MaxRuneLen(validation.PersonName.Max),
		field.String("last_name").Default("").MaxRuneLen(validation.PersonName.Max),
		// password_hash is an argon2id PHC string; empty means no password yet.
		field.String("password_hash").Default("").Sensitive(),
		field.Bool("is_active").Default(true),
		field.Bool("is_admin").Default(false),
		// invitation_pending: invited without a password, not yet accepted.
		// Such a user cannot log in and does not count as an active admin.
		field.Bool("invitation_pending").Default(false),
		field.Time("last_login_at").Optional().Nillable(),
	}
}

// Indexes of the User.
func (User) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "email").Unique(),
	}
}
