package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Gadget forgets the AuditMixin: it has no company, so every tenant would
// see every gadget. The tenancy test of ent/schema refuses it.
type Gadget struct {
	ent.Schema
}

// Fields of the Gadget.
func (Gadget) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100),
	}
}
