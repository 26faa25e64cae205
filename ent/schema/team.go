package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/binora/binora/internal/validation"
)

// Team groups users and grants them permission codes; a user holds the
// union of their teams' codes.
type Team struct {
	ent.Schema
}

// Mixin of the Team.
func (Team) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the Team.
func (Team) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").MinRuneLen(validation.Name.Min).MaxRuneLen(validation.Name.Max),
		field.String("description").Default("").MaxRuneLen(validation.Description.Max),
		field.Strings("permissions").Default([]string{}),
	}
}

// Indexes of the Team.
func (Team) Indexes() []ent.Index {
	return []ent.Index{index.Fields("company_id", "name").Unique()}
}
