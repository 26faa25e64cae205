package racks

import "github.com/binora/binora/internal/apperr"

// uniqueFields are the fields a rack may clash on with another one: name
// and facility_id within the datacenter, asset_tag within the company.
// Classify names the first the database's message mentions, so none may
// contain another.
var uniqueFields = []string{"name", "facility_id", "asset_tag"}

// The errors of where a rack stands. A room or row the tenant cannot see
// is answered like a missing one.
var (
	errNoRoom       = apperr.Invalid("room_id", "No such room.")
	errNoRow        = apperr.Invalid("row_id", "No such row.")
	errRowElsewhere = apperr.Invalid("row_id", "The row is in another room; give a row of the rack's room.")
)

// ErrStillHolds refuses to delete a rack that assets or live reservations
// were found in by the database itself (a foreign key), when they arrived
// after the rack was counted.
var ErrStillHolds = apperr.Conflict("", "The rack still holds assets or live reservations; move or delete them first.")

// The errors of reservations.
var (
	// errNoReservation is a reservation that is missing, another tenant's,
	// or of another rack than the one in the path.
	errNoReservation = apperr.NotFound("Reservation")
)

// msgPastExpiry refuses a reservation that would expire before it is made.
const msgPastExpiry = "Give a time in the future, or none."
