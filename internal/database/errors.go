package database

import (
	"errors"
	"strings"

	"github.com/lib/pq"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/migrate"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/tenancy"
)

// Classify is the one translation of an Ent error about the entity called
// what into an apperr kind, shared by every module:
//   - not found (which is also how another tenant's row looks) → NotFound;
//   - a failed field validation → Invalid naming the field;
//   - a link to a row the tenant cannot see, refused by the data layer
//     or by a foreign key of the database → Invalid naming the field, the
//     same answer for another tenant's row and for a missing one;
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
	ref := asReference(err)
	switch {
	case ent.IsNotFound(err):
		return apperr.NotFound(what).Wrap(err)
	case errors.As(err, &verr):
		return apperr.Invalid(verr.Name, "This value is not valid.").Wrap(err)
	case ref != nil:
		return apperr.Invalid(ref.Field, "No such "+ref.Target()+".").Wrap(err)
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

// IsReference reports whether err refused a link set through field
// (team_id): for a caller whose request names the link otherwise
// (team_ids).
func IsReference(err error, field string) bool {
	ref := asReference(err)
	return ref != nil && ref.Field == field
}

// asReference returns the link err refused, if it is one.
func asReference(err error) *tenancy.ReferenceError {
	var ref *tenancy.ReferenceError
	if errors.As(err, &ref) {
		return ref
	}
	return referenceViolation(err)
}

// referenceViolation reads a PostgreSQL foreign-key violation of an insert
// or update as the link it refused: Ent's own single-column key (a missing
// row) or its "<table>_<column>_tenant_fk" twin over (company_id, column),
// which refuses another tenant's row, so both answer alike. A delete that
// rows still point at is not one (nil).
func referenceViolation(err error) *tenancy.ReferenceError {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "23503" || !strings.HasPrefix(pqErr.Message, "insert or update") {
		return nil
	}
	for _, t := range migrate.Tables {
		if t.Name != pqErr.Table {
			continue
		}
		for _, fk := range t.ForeignKeys {
			column := fk.Columns[0].Name
			if pqErr.Constraint == fk.Symbol || pqErr.Constraint == t.Name+"_"+column+"_tenant_fk" {
				return &tenancy.ReferenceError{Field: column, Table: fk.RefTable.Name}
			}
		}
	}
	return nil
}
