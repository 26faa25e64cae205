package apperr

import (
	"errors"
	"strings"

	"github.com/binora/binora/ent"
)

// FromEnt translates an Ent error about the entity called what into a kind:
// not found (which is also how another tenant's row looks), a failed field
// validation, or a unique/foreign-key violation. For a unique violation the
// first of uniqueFields that the database names in its message becomes the
// conflicting field. Anything else is returned unchanged: an internal error.
func FromEnt(err error, what string, uniqueFields ...string) error {
	if err == nil {
		return nil
	}
	if _, ok := As(err); ok {
		return err
	}
	var verr *ent.ValidationError
	switch {
	case ent.IsNotFound(err):
		return NotFound(what).Wrap(err)
	case errors.As(err, &verr):
		return Invalid(verr.Name, "This value is not valid.").Wrap(err)
	case ent.IsConstraintError(err):
		msg := err.Error()
		for _, f := range uniqueFields {
			if strings.Contains(msg, f) {
				return Conflict(f, what+" with this "+f+" already exists.").Wrap(err)
			}
		}
		return Conflict("", what+" conflicts with existing data.").Wrap(err)
	}
	return err
}
