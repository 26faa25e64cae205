package database

import (
	"errors"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
)

// Classify is the one translation of an Ent error about the entity called
// what into an apperr kind, shared by every module:
//   - not found (which is also how another tenant's row looks) → NotFound;
//   - a failed field validation → Invalid naming the field;
//   - a unique or foreign-key violation → Conflict, naming the first of
//     uniqueFields that the database's message mentions.
//
// An error that already has a kind, and nil, come back unchanged; anything
// else is internal and comes back unchanged too, for the caller to wrap
// with what it was doing.
func Classify(err error, what string, uniqueFields ...string) error {
	if err == nil {
		return nil
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	var verr *ent.ValidationError
	switch {
	case ent.IsNotFound(err):
		return apperr.NotFound(what).Wrap(err)
	case errors.As(err, &verr):
		return apperr.Invalid(verr.Name, "This value is not valid.").Wrap(err)
	case ent.IsConstraintError(err):
		msg := err.Error()
		for _, f := range uniqueFields {
			if strings.Contains(msg, f) {
				return apperr.Conflict(f, what+" with this "+f+" already exists.").Wrap(err)
			}
		}
		return apperr.Conflict("", what+" conflicts with existing data.").Wrap(err)
	}
	return err
}
