package occupancy

import (
	"fmt"

	"github.com/binora/binora/internal/apperr"
)

// ClashError is the 409 of a block that would take a unit already taken,
// on field (the request's position): it names the unit, the face and what
// holds it, which is always of the same tenant.
func ClashError(field string, c Clash) error {
	return apperr.Conflict(field, c.Message())
}

// Message says which unit is taken and by what.
func (c Clash) Message() string {
	h := c.Holder
	if h.Kind == KindReservation {
		return fmt.Sprintf("Unit %d (%s) is reserved for %q (reservation %d).", c.Unit, c.Face, h.Name, h.ID)
	}
	return fmt.Sprintf("Unit %d (%s) is taken by asset %s %q (id %d).", c.Unit, c.Face, h.Code, h.Name, h.ID)
}

// OutsideError is the 400 of a block whose units from .. to do not all lie
// in rack r.
func OutsideError(field string, r Rack, from, to int) error {
	return apperr.Invalid(field, fmt.Sprintf("Units %d to %d are not all in the rack, whose units are %d to %d.",
		from, to, r.StartingUnit, r.Top()))
}
